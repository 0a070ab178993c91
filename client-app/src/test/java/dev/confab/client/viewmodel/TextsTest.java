package dev.confab.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class TextsTest {
    @Test
    void aTranslatedLocaleGetsItsWordsAndEnglishForTheRest() {
        ResourceBundle esperanto = Texts.bundleFor(Locale.of("eo"));
        assertThat(esperanto.getString("app.title")).isEqualTo("Konfab");
        assertThat(esperanto.getString("composer.send")).isEqualTo("Send");
    }

    @Test
    void anUntranslatedLocaleGetsEnglish() {
        ResourceBundle german = Texts.bundleFor(Locale.GERMANY);
        assertThat(german.getString("app.title")).isEqualTo("Confab");
        assertThat(german.getString("composer.send")).isEqualTo("Send");
    }

    @Test
    void theHostedServerAndTheWindowAreNamedFromTheBundle() {
        assertThat(HostedRoom.serverName("Dana")).isEqualTo("Dana's room");
        assertThat(HostedRoom.serverName(" ")).isEqualTo("Confab");
        assertThat(Texts.get("window.titleUnread", 3, Texts.get("window.titleRoom", "general")))
                .isEqualTo("(3) #general — Confab");
    }
}
