package dev.confab.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EngineConfigTest {
    private static EngineConfig config(List<Integer> ports) {
        return new EngineConfig("127.0.0.1", ports, "/ws", EngineConfig.Auth.GUEST, 2, 200, 100, "t");
    }

    @Test
    void oneServerGetsEveryConnection() {
        EngineConfig single = config(List.of(7480));

        assertThat(List.of(0, 1, 2, 999)).allSatisfy(i -> assertThat(single.portFor(i)).isEqualTo(7480));
    }

    @Test
    void connectionsAreSpreadAboutEvenlyOverTheNodesAndAlwaysTheSameWay() {
        EngineConfig two = config(List.of(7480, 7490));
        Map<Integer, Integer> perPort = new HashMap<>();
        for (int i = 0; i < 2000; i++) {
            perPort.merge(two.portFor(i), 1, Integer::sum);
            assertThat(two.portFor(i)).isEqualTo(config(List.of(7480, 7490)).portFor(i));
        }

        assertThat(perPort.keySet()).containsExactlyInAnyOrder(7480, 7490);
        assertThat(perPort.values()).allSatisfy(count -> assertThat(count).isBetween(900, 1100));
    }

    @Test
    void theMembersOfAnS3RoomEndUpOnBothNodes() {
        // S3 puts connection i in room i % 200: a plain i % 2 would keep every room on one node.
        EngineConfig two = config(List.of(7480, 7490));
        int split = 0;
        for (int room = 0; room < 200; room++) {
            Set<Integer> ports = new HashSet<>();
            for (int i = room; i < 2000; i += 200) {
                ports.add(two.portFor(i));
            }
            split += ports.size() == 2 ? 1 : 0;
        }

        assertThat(split).as("rooms with members on both nodes").isGreaterThan(180);
    }
}
