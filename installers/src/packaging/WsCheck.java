import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Smoke check for an installed server: connects to the given ws:// URL, waits for the server's first frame and
 * succeeds when it is Confab's {@code hello} (reporting VERSION, when given). Run as a single-file program:
 * {@code java WsCheck.java URL [VERSION]}.
 */
public final class WsCheck {
    public static void main(String[] args) throws Exception {
        CompletableFuture<String> first = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(args[0]), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            first.complete(text.toString());
                        }
                        webSocket.request(1);
                        return null;
                    }
                })
                .get(10, TimeUnit.SECONDS);
        String frame = first.get(10, TimeUnit.SECONDS);
        System.out.println("first frame: " + frame);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        if (!frame.contains("\"type\":\"hello\"")) {
            System.err.println("not a Confab hello");
            System.exit(1);
        }
        if (args.length > 1 && !frame.contains("\"version\":\"" + args[1] + "\"")) {
            System.err.println("the hello does not report version " + args[1]);
            System.exit(1);
        }
    }
}
