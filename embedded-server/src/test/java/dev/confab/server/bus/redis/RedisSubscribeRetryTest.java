package dev.confab.server.bus.redis;

import static org.awaitility.Awaitility.await;

import dev.confab.protocol.RoomName;
import dev.confab.server.bus.GapSource;
import dev.confab.server.bus.MessageBus;
import dev.confab.server.testing.PerClass;
import dev.confab.server.testing.RedisProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The retry of a room's failed SUBSCRIBE (Redis away when the room was joined) ends when the room is left; the
 * delivery of a retried room is in {@code ClusterTest.aRoomJoinedWhileRedisIsDownIsSubscribedWhenItReturns}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RedisSubscribeRetryTest {
    private static final Duration RETRY_MAX = Duration.ofMillis(200);
    @RegisterExtension
    static final PerClass<RedisProcess> REDIS = PerClass.of(RedisProcess::start);

    @Test
    void aRoomLeftWhileItsSubscriptionIsRetriedIsNotSubscribedWhenRedisReturns() {
        RedisProcess redis = REDIS.get();
        RedisBusConfig config = RedisBusConfig.of(redis.uri()).withSubscribeRetryMax(RETRY_MAX)
                .withPollInterval(Duration.ofHours(1));
        try (RedisMessageBus bus = RedisMessageBus.connect(config, "retry-test", new EmptyStore())) {
            MessageBus.Subscription kept = bus.subscribe(RoomName.of("kept"), event -> { });
            redis.stop();
            MessageBus.Subscription left;
            MessageBus.Subscription retried;
            try {
                left = bus.subscribe(RoomName.of("left"), event -> { });
                retried = bus.subscribe(RoomName.of("retried"), event -> { });
                left.close();
            } finally {
                redis.startServer();
            }

            // The pub/sub connection is back (Lettuce resubscribed "kept"), and the retry has done its work.
            await().atMost(Duration.ofSeconds(40)).until(() -> redis.subscribers("confab:room:kept") == 1
                    && redis.subscribers("confab:room:retried") == 1);
            await("several more retry periods").during(RETRY_MAX.multipliedBy(5)).atMost(RETRY_MAX.multipliedBy(10))
                    .until(() -> redis.subscribers("confab:room:left") == 0);
            retried.close();
            kept.close();
        }
    }

    /** A store without messages. */
    private static final class EmptyStore implements GapSource {
        @Override
        public long lastSeq(RoomName room) {
            return 0;
        }

        @Override
        public Map<RoomName, Long> lastSeqs() {
            return Map.of();
        }

        @Override
        public List<Missed> missed(RoomName room, long after, int limit) {
            return List.of();
        }
    }
}
