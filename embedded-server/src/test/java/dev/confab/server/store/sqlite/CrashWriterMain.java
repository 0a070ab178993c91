package dev.confab.server.store.sqlite;

import dev.confab.protocol.ClientId;
import dev.confab.protocol.MessageContent;
import dev.confab.protocol.RoomName;
import dev.confab.server.store.NewMessage;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Semaphore;

/**
 * A process for {@link CrashRecoveryTest}: appends to two rooms as fast as it can and prints
 * {@code ack <room> <clientId> <seq>} for every completed append, until it is killed.
 */
public final class CrashWriterMain {
    private CrashWriterMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        SqliteMessageStore store = SqliteMessageStore.open(Path.of(args[0]), StoreConfig.defaults(),
                Clock.systemUTC());
        // At most 1000 appends in flight: enough for large batches, without refusals for a full queue.
        Semaphore inFlight = new Semaphore(1000);
        for (long i = 0; ; i++) {
            inFlight.acquire();
            String room = i % 2 == 0 ? "even" : "odd";
            String clientId = "c" + i;
            NewMessage message = new NewMessage(RoomName.of(room), "u1", "writer", ClientId.of(clientId),
                    MessageContent.of("message " + i), null, null, Instant.now());
            store.append(message).whenComplete((result, failure) -> {
                inFlight.release();
                if (result != null) {
                    synchronized (out) {
                        out.println("ack " + room + " " + clientId + " " + result.message().seq());
                    }
                }
            });
        }
    }
}
