package dev.confab.server.admin;

import dev.confab.protocol.ErrorCode;
import dev.confab.server.session.ChatObserver;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * The metrics of one node, in its own registry (two nodes in one JVM do not mix): connections, room members and
 * rooms (sampled when scraped), messages in and out, errors by code, connection duration and history write latency.
 */
public final class ServerMetrics implements ChatObserver {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter messagesIn;
    private final Counter messagesOut;
    private final Counter errors;
    private final Counter closes;
    private final Histogram connectionDuration;
    private final Histogram writeLatency;

    private ServerMetrics(IntSupplier connections, IntSupplier members, IntSupplier rooms) {
        GaugeWithCallback.builder().name("confab_connections").help("Open WebSocket connections on this node")
                .callback(callback -> callback.call(connections.getAsInt())).register(registry);
        GaugeWithCallback.builder().name("confab_members")
                .help("Users present in rooms on this node, once per room")
                .callback(callback -> callback.call(members.getAsInt())).register(registry);
        GaugeWithCallback.builder().name("confab_rooms").help("Rooms that exist in the store")
                .callback(callback -> {
                    try {
                        callback.call(rooms.getAsInt());
                    } catch (RuntimeException e) {
                        // The store is down: leave the gauge out of this scrape rather than fail all of it.
                    }
                }).register(registry);
        messagesIn = Counter.builder().name("confab_messages_in").help("Messages stored from this node's clients")
                .register(registry);
        messagesOut = Counter.builder().name("confab_messages_out")
                .help("Messages handed to this node's connections (one per receiving connection)").register(registry);
        errors = Counter.builder().name("confab_errors").help("Error frames sent to clients, by code")
                .labelNames("code").register(registry);
        closes = Counter.builder().name("confab_connections_closed")
                .help("Connections closed, by close code (4008 slow consumer, 4029 rate limited, 4401, 4408, ...)")
                .labelNames("code").register(registry);
        connectionDuration = Histogram.builder().name("confab_connection_duration_seconds").unit(Unit.SECONDS)
                .help("How long connections stayed open").classicOnly()
                .classicUpperBounds(1, 10, 60, 300, 1_800, 3_600, 14_400, 86_400).register(registry);
        writeLatency = Histogram.builder().name("confab_history_write_seconds").unit(Unit.SECONDS)
                .help("Time from accepting a message to its COMMIT").classicOnly()
                .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
                .register(registry);
    }

    /**
     * Metrics whose gauges read these suppliers at each scrape.
     *
     * @param rooms may query the store; keep scrapes infrequent (seconds apart)
     */
    public static ServerMetrics create(IntSupplier connections, IntSupplier members, IntSupplier rooms) {
        return new ServerMetrics(connections, members, rooms);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** A message was stored (not a duplicate) after this long. */
    public void messageStored(Duration latency) {
        messagesIn.inc();
        writeLatency.observe(latency.toNanos() / 1e9);
    }

    @Override
    public void connectionClosed(Duration open, int closeCode) {
        connectionDuration.observe(open.toMillis() / 1e3);
        closes.labelValues(String.valueOf(closeCode)).inc();
    }

    @Override
    public void errorSent(ErrorCode code) {
        errors.labelValues(code.wireName()).inc();
    }

    @Override
    public void messageDelivered(int connections) {
        if (connections > 0) {
            messagesOut.inc(connections);
        }
    }
}
