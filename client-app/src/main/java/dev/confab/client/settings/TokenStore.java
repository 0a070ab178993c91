package dev.confab.client.settings;

import dev.confab.client.net.ServerAddress;
import dev.confab.client.session.TokenSink;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Sign-in tokens, one per server, in a file only the user can read (mode 0600 where the file system has modes).
 * Tokens never reach a log or a {@code toString}.
 */
public final class TokenStore {
    private final Path file;

    private TokenStore(Path file) {
        this.file = file;
    }

    public static TokenStore create(Path file) {
        return new TokenStore(file);
    }

    /** A stored sign-in: who and the token. */
    public record Saved(String username, String token) {
        @Override
        public String toString() {
            return "Saved[username=" + username + ", token=***]";
        }
    }

    public synchronized Optional<Saved> find(ServerAddress server) {
        String value = PropertiesFile.load(file).getProperty(server.display(), "");
        int tab = value.indexOf('\t');
        return tab <= 0 ? Optional.empty() : Optional.of(new Saved(value.substring(0, tab), value.substring(tab + 1)));
    }

    public synchronized void store(ServerAddress server, String username, String token) {
        Properties props = PropertiesFile.load(file);
        props.setProperty(server.display(), username + "\t" + token);
        PropertiesFile.save(file, props, "Confab sign-in tokens. Keep private.", true);
    }

    public synchronized void forget(ServerAddress server) {
        Properties props = PropertiesFile.load(file);
        if (props.remove(server.display()) != null) {
            PropertiesFile.save(file, props, "Confab sign-in tokens. Keep private.", true);
        }
    }

    /** The sink a session for {@code server} writes to. */
    public TokenSink sinkFor(ServerAddress server) {
        return new TokenSink() {
            @Override
            public void store(String username, String token) {
                TokenStore.this.store(server, username, token);
            }

            @Override
            public void forget() {
                TokenStore.this.forget(server);
            }
        };
    }
}
