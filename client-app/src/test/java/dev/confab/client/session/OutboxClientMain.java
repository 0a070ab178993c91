package dev.confab.client.session;

import dev.confab.client.net.ChatConnection;
import dev.confab.client.net.ConnectionConfig;
import dev.confab.client.net.ServerAddress;
import dev.confab.client.settings.ReadPositions;
import dev.confab.protocol.FrameCodec;
import dev.confab.protocol.RoomName;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The desktop client's session layer (no UI) in its own JVM, for {@link OutboxCrashTest}:
 * {@code OutboxClientMain <server url> <outbox file> <count>} signs in as the guest {@code killed}, sends
 * {@code count} messages to {@code general} through the session (outbox first, then the wire), printing
 * {@code sent <client id>} once each is in the outbox, and runs until it is killed.
 */
public final class OutboxClientMain {
    static final String GUEST = "killed";
    static final RoomName ROOM = RoomName.of("general");

    private OutboxClientMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ServerAddress address = ServerAddress.parse(args[0]).orElseThrow();
        Path outboxFile = Path.of(args[1]);
        int count = Integer.parseInt(args[2]);
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch signedIn = new CountDownLatch(1);
        Clock clock = Clock.systemUTC();
        TokenSink noTokens = new TokenSink() {
            @Override
            public void store(String username, String token) {
            }

            @Override
            public void forget() {
            }
        };
        ChatSession session = ChatConnection.create(address, ConnectionConfig.defaults(), FrameCodec.forClient(),
                clock, new SecureRandom(), connection -> ChatSession.create(connection, FileOutbox.open(outboxFile),
                        noTokens, ReadPositions.open(outboxFile.resolveSibling("read-positions.properties"), timers,
                                Duration.ZERO).forServer(address.display()), event -> {
                            if (event instanceof SessionEvent.SignedIn) {
                                signedIn.countDown();
                            }
                        }, clock, SessionConfig.defaults(), timers, "", List.of(ROOM)));
        session.start();
        session.signIn(new AuthRequest.Guest(GUEST));
        signedIn.await();
        for (int i = 0; i < count; i++) {
            out.println("sent " + session.send(ROOM, "outbox message " + i, null));
        }
        out.println("all sent");
        new CountDownLatch(1).await();
    }
}
