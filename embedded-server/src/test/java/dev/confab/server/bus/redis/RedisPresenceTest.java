package dev.confab.server.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.server.testing.PerClass;
import dev.confab.server.testing.RedisProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Presence and connection counts in a real redis-server, read by another node while this one heart-beats. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisPresenceTest {
    @RegisterExtension
    static final PerClass<RedisProcess> REDIS = PerClass.of(RedisProcess::start);

    @Test
    void anotherNodeNeverReadsAStaleOrMissingConnectionCountWhileHeartbeatsRewriteThem() throws Exception {
        RedisClient client = RedisClient.create(REDIS.get().uri());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<@Nullable Throwable> beatFailed = new AtomicReference<>();
        try (StatefulRedisConnection<String, String> hereConnection = client.connect();
             StatefulRedisConnection<String, String> otherConnection = client.connect()) {
            RedisPresence here = new RedisPresence("count-here", hereConnection.sync(), Duration.ofSeconds(30));
            RedisPresence other = new RedisPresence("count-other", otherConnection.sync(), Duration.ofSeconds(30));
            here.heartbeat(List.of());
            other.heartbeat(List.of());
            // Heartbeats back to back: each rewrites this node's counts while sign-ins change them.
            Thread beating = Thread.ofPlatform().start(() -> {
                try {
                    while (!stop.get()) {
                        here.heartbeat(List.of());
                    }
                } catch (RuntimeException e) {
                    beatFailed.set(e);
                }
            });
            try {
                for (int i = 0; i < 3_000; i++) {
                    int count = i % 4 + 1;
                    here.connectionsHere("u-counted", count);
                    assertThat(other.connectionsElsewhere("u-counted")).as("read %d", i).isEqualTo(count);
                }
            } finally {
                stop.set(true);
                beating.join(10_000);
            }
            assertThat(beatFailed.get()).isNull();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
