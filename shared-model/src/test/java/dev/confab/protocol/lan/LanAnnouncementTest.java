package dev.confab.protocol.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LanAnnouncementTest {
    private final LanAnnouncement dana = new LanAnnouncement("Dana's room", "0.1.0", false, true, 3, "/ws");

    @Test
    void readsBackWhatItWrites() {
        assertThat(LanAnnouncement.fromTxt("ignored", dana.toTxt())).contains(dana);
    }

    @Test
    void writesEveryKeyAsText() {
        assertThat(dana.toTxt()).containsExactly(Map.entry("txtvers", "1"), Map.entry("name", "Dana's room"),
                Map.entry("version", "0.1.0"), Map.entry("tls", "false"), Map.entry("guests", "true"),
                Map.entry("online", "3"), Map.entry("path", "/ws"));
    }

    @Test
    void fallsBackToSafeValuesForMissingOrMalformedKeys() {
        var read = LanAnnouncement.fromTxt("build-server", Map.of("online", "-4", "tls", "maybe", "path", "ws"));
        assertThat(read).contains(new LanAnnouncement("build-server", "?", false, false, 0, "/ws"));
        assertThat(LanAnnouncement.fromTxt("x", Map.of("online", "lots"))).get()
                .extracting(LanAnnouncement::online).isEqualTo(0);
    }

    @Test
    void cutsAnOverlongNameAndRefusesNone() {
        assertThat(LanAnnouncement.fromTxt("a".repeat(100), Map.of())).get()
                .extracting(a -> a.name().length()).isEqualTo(64);
        assertThat(LanAnnouncement.fromTxt(" ", Map.of("name", ""))).isEmpty();
    }

    @Test
    void refusesImpossibleValues() {
        assertThatThrownBy(() -> dana.withOnline(-1)).hasMessageContaining("online");
        assertThatThrownBy(() -> new LanAnnouncement("", "1", false, false, 0, "/ws"))
                .hasMessageContaining("name");
    }
}
