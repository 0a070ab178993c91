package dev.confab.client.ui;

import dev.confab.client.session.SessionEvent;
import dev.confab.client.session.SessionListener;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.jspecify.annotations.Nullable;

/**
 * Carries session events to the JavaFX thread in batches: however many events arrive between two pulses, the UI
 * gets them as one list in one {@code runLater}. Events that carry a whole state (a room's timeline, the room
 * list, a room's members or typists) are coalesced: only the last of each in a batch is delivered, so a burst of
 * messages becomes one change to the message list, not one rebuild per message. This is the only class that calls
 * {@link Platform#runLater}.
 */
public final class UiDispatcher implements SessionListener, Executor {
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Consumer<List<SessionEvent>> target;

    private UiDispatcher(Consumer<List<SessionEvent>> target) {
        this.target = target;
    }

    /** A dispatcher delivering event batches to {@code target} on the FX thread. */
    public static UiDispatcher create(Consumer<List<SessionEvent>> target) {
        return new UiDispatcher(target);
    }

    @Override
    public void onEvent(SessionEvent event) {
        queue.add(event);
        schedule();
    }

    /** Runs {@code task} on the FX thread, in order with the events. */
    @Override
    public void execute(Runnable task) {
        queue.add(task);
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            Platform.runLater(this::drain);
        }
    }

    private void drain() {
        scheduled.set(false);
        List<SessionEvent> batch = new ArrayList<>();
        for (Object item = queue.poll(); item != null; item = queue.poll()) {
            switch (item) {
                case SessionEvent event -> batch.add(event);
                case Runnable task -> {
                    flush(batch);
                    task.run();
                }
                default -> throw new IllegalStateException("unexpected item " + item.getClass());
            }
        }
        flush(batch);
    }

    private void flush(List<SessionEvent> batch) {
        if (!batch.isEmpty()) {
            target.accept(coalesce(batch));
            batch.clear();
        }
    }

    /**
     * The batch without the events a later event of the batch replaces (each of those is a complete snapshot);
     * everything else, and the order, stays as it was.
     */
    public static List<SessionEvent> coalesce(List<SessionEvent> batch) {
        Set<Object> seen = new HashSet<>();
        List<SessionEvent> kept = new ArrayList<>(batch.size());
        for (int i = batch.size() - 1; i >= 0; i--) {
            SessionEvent event = batch.get(i);
            Object key = snapshotKey(event);
            if (key == null || seen.add(key)) {
                kept.add(event);
            }
        }
        return List.copyOf(kept.reversed());
    }

    /** What a whole-state event is a snapshot of; null for events that each count. */
    private static @Nullable Object snapshotKey(SessionEvent event) {
        return switch (event) {
            case SessionEvent.TimelineChanged t -> List.of("timeline", t.room());
            case SessionEvent.MembersChanged m -> List.of("members", m.room());
            case SessionEvent.TypingChanged t -> List.of("typing", t.room());
            case SessionEvent.RoomsChanged r -> "rooms";
            case SessionEvent.StatusChanged s -> null;
            case SessionEvent.SignInNeeded s -> null;
            case SessionEvent.SignedIn s -> null;
            case SessionEvent.MessageArrived m -> null;
            case SessionEvent.ServerProblem p -> null;
            case SessionEvent.Directory d -> null;
        };
    }
}
