package dev.confab.server.admin;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin port of a node: {@code GET /metrics} (Prometheus text format) and {@code GET /health}, which answers
 * 200 when every check passes (the store and the bus answer, the node serves) and 503 naming the ones that fail,
 * for a load balancer to take the node out of rotation. Anything else is 404.
 */
public final class AdminEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminEndpoint.class);

    private final HTTPServer server;

    private AdminEndpoint(HTTPServer server) {
        this.server = server;
    }

    /**
     * Binds and serves.
     *
     * @param checks named health checks, in the order they are reported; each may block briefly
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static AdminEndpoint start(String host, int port, ServerMetrics metrics,
                                      Map<String, BooleanSupplier> checks) {
        Map<String, BooleanSupplier> ordered = new LinkedHashMap<>(checks);
        try {
            HTTPServer server = HTTPServer.builder().hostname(host).port(port).registry(metrics.registry())
                    .registerHealthHandler(false)
                    .defaultHandler(exchange -> health(exchange, ordered)).buildAndStart();
            LOG.info("Admin endpoint (/metrics, /health) on {}:{}", host, server.getPort());
            return new AdminEndpoint(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the admin port " + host + ":" + port, e);
        }
    }

    public int port() {
        return server.getPort();
    }

    private static void health(HttpExchange exchange, Map<String, BooleanSupplier> checks) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/health")) {
                respond(exchange, 404, "not found: try /health or /metrics\n");
                return;
            }
            List<String> failing = new ArrayList<>();
            checks.forEach((name, check) -> {
                boolean passed;
                try {
                    passed = check.getAsBoolean();
                } catch (RuntimeException e) {
                    passed = false;
                }
                if (!passed) {
                    failing.add(name);
                }
            });
            if (failing.isEmpty()) {
                respond(exchange, 200, "ok\n");
            } else {
                respond(exchange, 503, "unavailable: " + String.join(", ", failing) + "\n");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
