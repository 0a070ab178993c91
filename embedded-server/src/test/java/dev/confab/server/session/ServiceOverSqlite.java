package dev.confab.server.session;

import dev.confab.server.ServerConfig;
import dev.confab.server.auth.AuthConfig;
import dev.confab.server.auth.DefaultAuthenticator;
import dev.confab.server.auth.PasswordPolicy;
import dev.confab.server.bus.InProcessMessageBus;
import dev.confab.server.store.DataDirectory;
import dev.confab.server.store.sqlite.SqliteMessageStore;
import dev.confab.server.store.sqlite.StoreConfig;
import dev.confab.server.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The server's chat service over a real SQLite store in a directory of its own, without a socket server: the fuzz
 * targets feed it frames through fake connections. Jazzer runs a target's {@code @BeforeAll} once for all inputs,
 * so the directory is made here instead of by {@code @TempDir}, and removed on {@link #close()}.
 */
final class ServiceOverSqlite implements AutoCloseable {
    final Path dir;
    final Clock clock = Clock.systemUTC();
    final SqliteMessageStore store;
    final ChatService chat;

    private ServiceOverSqlite(Path dir) throws IOException {
        this.dir = dir;
        // Rate limits out of the way (the fuzzer sends fast); sign-in and heartbeat deadlines never run here.
        ServerConfig config = TestServer.config(dir).build();
        store = SqliteMessageStore.open(DataDirectory.create(dir), StoreConfig.defaults(), clock);
        // The cheapest password hash: the targets sign in thousands of times.
        AuthConfig auth = AuthConfig.defaults().withPasswords(PasswordPolicy.defaults().withCost(64, 1, 1));
        chat = ChatService.create(config, store, DefaultAuthenticator.create(store.accounts(),
                dir.resolve("token.key"), auth, clock), InProcessMessageBus.create(), clock, "fuzz");
    }

    static ServiceOverSqlite start(String name) throws IOException {
        return new ServiceOverSqlite(Files.createTempDirectory(name));
    }

    @Override
    public void close() throws IOException {
        try {
            chat.close();
            store.close();
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
