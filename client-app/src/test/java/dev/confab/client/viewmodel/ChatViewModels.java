package dev.confab.client.viewmodel;

import dev.confab.client.session.ChatLine;
import dev.confab.client.session.ChatSession;
import dev.confab.client.session.FileOutbox;
import dev.confab.client.session.SessionConfig;
import dev.confab.client.session.SessionEvent;
import dev.confab.client.session.TokenSink;
import dev.confab.client.settings.ReadPositions;
import dev.confab.client.settings.Settings;
import dev.confab.client.ui.UiDispatcher;
import dev.confab.protocol.RoomName;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A chat view model for view tests that feed it session events directly, as the session's dispatcher does, without
 * a server. Commands to the session are dropped: these tests drive the timeline, not the network.
 */
public final class ChatViewModels {
    private ChatViewModels() {
    }

    /** A view model over a session that is never connected; call on the FX thread. */
    public static ChatViewModel create(Path dir, Clock clock, ScheduledExecutorService timers) {
        ChatSession session = ChatSession.create(new ViewModelFixtures.RecordingTransport(),
                FileOutbox.open(dir.resolve("outbox.properties")), new TokenSink() {
                    @Override
                    public void store(String username, String value) {
                    }

                    @Override
                    public void forget() {
                    }
                }, ReadPositions.open(dir.resolve("read-positions.properties"), timers, Duration.ZERO)
                        .forServer("test:7480"), event -> { }, clock, SessionConfig.defaults(), timers, "", List.of());
        return new ChatViewModel(session, task -> { }, new ViewModelFixtures.RecordingDesktop(),
                Settings.load(dir.resolve("settings.properties")), "test:7480", clock);
    }

    /**
     * Hands the model a room's whole timeline, as the session does after every change (a snapshot, copied into
     * the event); call on the FX thread.
     */
    public static void timelineChanged(ChatViewModel model, RoomName room, List<ChatLine> lines) {
        model.handle(new SessionEvent.TimelineChanged(room, lines, false));
    }

    /** Hands the model one batch of events as the app's dispatcher does (coalesced); call on the FX thread. */
    public static void dispatched(ChatViewModel model, List<SessionEvent> batch) {
        UiDispatcher.coalesce(batch).forEach(model::handle);
    }
}
