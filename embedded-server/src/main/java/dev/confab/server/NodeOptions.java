package dev.confab.server;

import dev.confab.server.auth.AuthConfig;
import dev.confab.server.bus.redis.RedisBusConfig;
import dev.confab.server.store.postgres.PostgresConfig;
import java.time.Clock;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Settings of a node beyond {@link ServerConfig} that only code (the tests, an embedding program) changes: the
 * clock, and adjustments to the authenticator, the shared store and the shared bus, applied to the defaults that
 * {@link ConfabServer#start(ServerConfig)} uses.
 */
public record NodeOptions(Clock clock, UnaryOperator<AuthConfig> auth, UnaryOperator<PostgresConfig> store,
                          UnaryOperator<RedisBusConfig> bus) {
    public NodeOptions {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(bus, "bus");
    }

    public static NodeOptions defaults() {
        return new NodeOptions(Clock.systemUTC(), a -> a, s -> s, b -> b);
    }

    public NodeOptions withAuth(UnaryOperator<AuthConfig> value) {
        return new NodeOptions(clock, value, store, bus);
    }

    public NodeOptions withStore(UnaryOperator<PostgresConfig> value) {
        return new NodeOptions(clock, auth, value, bus);
    }

    public NodeOptions withBus(UnaryOperator<RedisBusConfig> value) {
        return new NodeOptions(clock, auth, store, value);
    }
}
