package dev.confab.client.ui;

import dev.confab.client.session.SessionEvent;
import dev.confab.client.session.SessionListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Carries session events to the JavaFX thread in batches: however many events arrive between two pulses, the UI
 * gets them as one list in one {@code runLater}, so a burst of messages becomes one change to the message list.
 * This is the only class that calls {@link Platform#runLater}.
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
            target.accept(List.copyOf(batch));
            batch.clear();
        }
    }
}
