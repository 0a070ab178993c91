package dev.confab.client.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ServerAddressTest {

    @Test
    void bareHostGetsDefaultPortAndPath() {
        ServerAddress address = ServerAddress.parse("10.0.0.5").orElseThrow();
        assertThat(address.uri().toString()).isEqualTo("ws://10.0.0.5:7480/ws");
        assertThat(address.display()).isEqualTo("10.0.0.5:7480");
    }

    @Test
    void hostAndPortKeepThePort() {
        assertThat(ServerAddress.parse(" chat.acme.io:9000 ").orElseThrow().uri().toString())
                .isEqualTo("ws://chat.acme.io:9000/ws");
    }

    @Test
    void fullUrlsKeepSchemeAndPath() {
        assertThat(ServerAddress.parse("wss://chat.acme.io/ws").orElseThrow().uri().toString())
                .isEqualTo("wss://chat.acme.io:7480/ws");
        assertThat(ServerAddress.parse("ws://host:81/ws/general").orElseThrow().uri().toString())
                .isEqualTo("ws://host:81/ws/general");
        assertThat(ServerAddress.parse("wss://chat.acme.io:443").orElseThrow().display())
                .isEqualTo("wss://chat.acme.io:443");
    }

    @Test
    void ipv6LiteralsWork() {
        assertThat(ServerAddress.parse("[::1]:7481").orElseThrow().port()).isEqualTo(7481);
        assertThat(ServerAddress.of("::1", 7000).port()).isEqualTo(7000);
    }

    @Test
    void rejectsWhatCannotBeAnAddress() {
        assertThat(ServerAddress.parse("")).isEmpty();
        assertThat(ServerAddress.parse("two words")).isEmpty();
        assertThat(ServerAddress.parse("ftp://host")).isEmpty();
        assertThat(ServerAddress.parse("host:notaport")).isEmpty();
        assertThat(ServerAddress.parse("user:pw@host")).isEmpty();
    }

    @Test
    void backoffGrowsExponentiallyUpToTheCapWithFullJitter() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
        assertThat(backoff.ceiling(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.ceiling(10)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.ceiling(500)).isEqualTo(Duration.ofSeconds(30));
        Random random = new Random(42);
        long distinct = java.util.stream.IntStream.range(0, 200)
                .mapToObj(i -> backoff.delay(5, random)).distinct().count();
        assertThat(distinct).as("jitter spreads the waits").isGreaterThan(100);
        for (int i = 0; i < 1000; i++) {
            Duration delay = backoff.delay(5, random);
            assertThat(delay).isBetween(Duration.ofMillis(200), Duration.ofSeconds(30));
        }
    }

    @Test
    void terminalClosesAreNotRetried() {
        assertThat(DropReason.fromClose(4401, false, false)).isEqualTo(DropReason.AUTH_REJECTED);
        assertThat(DropReason.fromClose(4403, false, false)).isEqualTo(DropReason.FORBIDDEN);
        assertThat(DropReason.AUTH_REJECTED.retryable()).isFalse();
        assertThat(DropReason.FORBIDDEN.retryable()).isFalse();
        assertThat(DropReason.fromClose(1001, false, false).retryable()).isTrue();
        assertThat(DropReason.fromClose(4408, false, false).retryable()).isTrue();
        assertThat(DropReason.fromClose(-1, true, false)).isEqualTo(DropReason.UNREACHABLE);
        assertThat(DropReason.fromClose(1002, true, false)).isEqualTo(DropReason.NOT_CONFAB);
    }
}
