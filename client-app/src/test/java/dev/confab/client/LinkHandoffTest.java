package dev.confab.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class LinkHandoffTest {
    @TempDir
    Path dir;

    @Test
    void aSecondLaunchHandsItsLinkToTheRunningApp() {
        Path socket = dir.resolve("app.sock");
        List<String> opened = new CopyOnWriteArrayList<>();
        LinkHandoff running = LinkHandoff.listen(socket, opened::add).orElseThrow();
        try {
            assertThat(LinkHandoff.handOver(socket, "confab://10.0.0.5:7480/builds")).isTrue();
            assertThat(opened).containsExactly("confab://10.0.0.5:7480/builds");
            assertThat(LinkHandoff.handOver(socket, "not a link")).isFalse();
            assertThat(opened).hasSize(1);
        } finally {
            running.close();
        }
        assertThat(socket).doesNotExist();
    }

    @Test
    void withNoAppRunningTheLaunchOpensTheLinkItself() throws Exception {
        Path socket = dir.resolve("app.sock");
        assertThat(LinkHandoff.handOver(socket, "confab://10.0.0.5:7480/builds")).isFalse();
        Files.writeString(socket, "left over by a crashed app");
        assertThat(LinkHandoff.handOver(socket, "confab://10.0.0.5:7480/builds")).isFalse();
        List<String> opened = new CopyOnWriteArrayList<>();
        LinkHandoff running = LinkHandoff.listen(socket, opened::add).orElseThrow();
        try {
            assertThat(LinkHandoff.handOver(socket, "confab://10.0.0.5:7480/")).isTrue();
        } finally {
            running.close();
        }
        assertThat(opened).containsExactly("confab://10.0.0.5:7480/");
    }
}
