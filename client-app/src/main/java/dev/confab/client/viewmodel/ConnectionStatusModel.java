package dev.confab.client.viewmodel;

import dev.confab.client.net.DropReason;
import dev.confab.client.session.SessionStatus;
import java.time.Duration;
import java.time.Instant;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.jspecify.annotations.Nullable;

/** The connection dot and its words: "Connected", "Reconnecting in 4 s…", "Offline — Retry now". */
public final class ConnectionStatusModel {
    private final ReadOnlyObjectWrapper<ConnectionLevel> level = new ReadOnlyObjectWrapper<>(ConnectionLevel.OFFLINE);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(Texts.get("status.connecting"));
    private final ReadOnlyBooleanWrapper retryVisible = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper online = new ReadOnlyBooleanWrapper();
    private @Nullable Instant reconnectAt;

    public ReadOnlyObjectProperty<ConnectionLevel> levelProperty() {
        return level.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty retryVisibleProperty() {
        return retryVisible.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty onlineProperty() {
        return online.getReadOnlyProperty();
    }

    void apply(SessionStatus status, Instant now) {
        reconnectAt = null;
        switch (status) {
            case SessionStatus.Online o -> set(ConnectionLevel.ONLINE, Texts.get("status.online"), false);
            case SessionStatus.Connecting c -> set(ConnectionLevel.RECONNECTING, Texts.get("status.connecting"), false);
            case SessionStatus.Reconnecting r -> {
                reconnectAt = r.at();
                tick(now);
            }
            case SessionStatus.Offline off -> set(ConnectionLevel.OFFLINE, offlineText(off.reason()), true);
        }
    }

    /** Refreshes the countdown; the view calls this once a second. */
    public void tick(Instant now) {
        if (reconnectAt != null) {
            long seconds = Math.max(1, (Duration.between(now, reconnectAt).toMillis() + 999) / 1000);
            set(ConnectionLevel.RECONNECTING, Texts.get("status.reconnecting", seconds), true);
        }
    }

    private void set(ConnectionLevel newLevel, String newText, boolean retry) {
        level.set(newLevel);
        text.set(newText);
        retryVisible.set(retry);
        online.set(newLevel == ConnectionLevel.ONLINE);
    }

    static String offlineText(DropReason reason) {
        return switch (reason) {
            case AUTH_REJECTED -> Texts.get("status.signedOut");
            case FORBIDDEN -> Texts.get("status.forbidden");
            case NOT_CONFAB -> Texts.get("status.notConfab");
            case UNTRUSTED_CERTIFICATE -> Texts.get("status.untrustedCertificate");
            case UNREACHABLE, LOST, SERVER_GOING_AWAY, CLOSED_BY_CLIENT -> Texts.get("status.offline");
        };
    }
}
