package dev.confab.client.view;

import dev.confab.client.session.ChatLine;
import dev.confab.client.session.Delivery;
import dev.confab.client.session.SessionEvent;
import dev.confab.client.settings.Theme;
import dev.confab.client.testing.AppUnderTest;
import dev.confab.client.viewmodel.ChatViewModel;
import dev.confab.client.viewmodel.ChatViewModels;
import dev.confab.client.viewmodel.MessageItem;
import dev.confab.protocol.RoomName;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.stage.Stage;

/**
 * A room with a very long history shown in the real message pane over a real view model, fed the way the session
 * feeds it: after each batch of new messages, a snapshot of the whole timeline. No server: 100,000 messages
 * through the protocol would measure the server, not the list.
 */
final class BigRoom implements AutoCloseable {
    static final RoomName ROOM = RoomName.of("big");
    private static final Instant FIRST = Instant.parse("2026-10-01T08:00:00Z");
    private static final Duration EVERY = Duration.ofSeconds(37);
    private static final List<String> AUTHORS = List.of("alice", "bob", "carol");

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private final List<ChatLine> lines = new ArrayList<>();
    /** Time the view model spent applying snapshots (FX thread): wall and CPU, in nanoseconds. */
    private long applyNanos;
    private long applyCpuNanos;
    private final ScheduledExecutorService timers;
    private final Stage stage;
    private final ChatViewModel model;
    private final MessagesPane pane;

    private BigRoom(ScheduledExecutorService timers, Stage stage, ChatViewModel model, MessagesPane pane) {
        this.timers = timers;
        this.stage = stage;
        this.model = model;
        this.pane = pane;
    }

    /** An empty room, selected and shown in a window of the usual size; call off the FX thread. */
    static BigRoom open(Path dir, int expected) {
        Clock clock = Clock.fixed(FIRST.plus(EVERY.multipliedBy(expected + 10L)), ZoneOffset.UTC);
        return AppUnderTest.fx(() -> {
            BigRoom room = create(dir, clock);
            room.model.selectedRoomProperty().set(ROOM);
            room.stage.show();
            return room;
        });
    }

    private static BigRoom create(Path dir, Clock clock) {
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        ChatViewModel model = ChatViewModels.create(dir, clock, timers);
        MessagesPane pane = new MessagesPane(model, clock);
        pane.getStylesheets().add(AppView.class.getResource("/dev/confab/client/confab.css").toExternalForm());
        Stage stage = new Stage();
        stage.setScene(new Scene(pane, 700, 600));
        Themes.apply(Theme.LIGHT);
        return new BigRoom(timers, stage, model, pane);
    }

    static String text(long seq) {
        return "message number " + seq;
    }

    /**
     * Adds {@code count} messages and hands the model one snapshot; FX thread. The window lays out at its next
     * pulse, as in the app (forcing a layout here, before the scroll the pane asked for had run, left the list
     * stuck above the newest message: see docs/BENCHMARKS.md, S9).
     */
    void append(int count) {
        for (int i = 0; i < count; i++) {
            addLine();
        }
        SessionEvent event = new SessionEvent.TimelineChanged(ROOM, lines, false);
        timed(() -> ChatViewModels.dispatched(model, List.of(event)));
    }

    /**
     * Adds {@code count} messages with a snapshot after each, as the session emits them, and hands the model all of
     * them as one dispatched batch (what a burst within one pulse costs); FX thread.
     */
    void appendEach(int count) {
        List<SessionEvent> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            addLine();
            batch.add(new SessionEvent.TimelineChanged(ROOM, lines, false));
        }
        timed(() -> ChatViewModels.dispatched(model, batch));
    }

    private void timed(Runnable apply) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        apply.run();
        applyNanos += System.nanoTime() - wall;
        applyCpuNanos += THREADS.getCurrentThreadCpuTime() - cpu;
    }

    /** Wall and CPU milliseconds the view model spent applying snapshots since the last call; FX thread. */
    double[] takeApplyMillis() {
        double[] taken = {applyNanos / 1e6, applyCpuNanos / 1e6};
        applyNanos = 0;
        applyCpuNanos = 0;
        return taken;
    }

    private void addLine() {
        long seq = lines.size() + 1L;
        lines.add(new ChatLine(ROOM, seq, null, AUTHORS.get((int) ((seq / 3) % AUTHORS.size())), text(seq),
                FIRST.plus(EVERY.multipliedBy(seq)), null, null, false, false, Delivery.SENT, false));
    }

    ChatViewModel model() {
        return model;
    }

    MessagesPane pane() {
        return pane;
    }

    @SuppressWarnings("unchecked")
    ListView<MessageItem> list() {
        return (ListView<MessageItem>) pane.lookup("#messages");
    }

    /** The cell nodes the list has made, shown or kept for reuse; FX thread. */
    int cellNodes() {
        return list().lookupAll(".list-cell").size();
    }

    /** True when a visible cell inside the list's viewport shows message {@code seq} with its text; FX thread. */
    boolean shows(long seq) {
        ListView<MessageItem> list = list();
        Bounds viewport = list.localToScene(list.getLayoutBounds());
        for (Node node : list.lookupAll(".list-cell")) {
            if (node instanceof ListCell<?> cell && cell.isVisible() && !cell.isEmpty()
                    && cell.getItem() instanceof MessageItem item && item.line().seq() == seq
                    && viewport.intersects(cell.localToScene(cell.getLayoutBounds()))
                    && containsText(cell, text(seq))) {
                return true;
            }
        }
        return false;
    }

    /** What the list shows, for failure messages: the visible rows' seqs, the scroll bar, the pill; FX thread. */
    String describe() {
        ListView<MessageItem> list = list();
        Bounds viewport = list.localToScene(list.getLayoutBounds());
        List<Long> seqs = list.lookupAll(".list-cell").stream()
                .filter(node -> node instanceof ListCell<?> cell && cell.isVisible() && !cell.isEmpty()
                        && viewport.intersects(cell.localToScene(cell.getLayoutBounds())))
                .map(node -> ((MessageItem) ((ListCell<?>) node).getItem()).line().seq()).sorted().toList();
        ScrollBar bar = verticalBar();
        return "rows " + list.getItems().size() + ", visible seqs " + seqs + ", bar " + bar.getValue() + " of "
                + bar.getMin() + ".." + bar.getMax() + ", jump pill " + pane.lookup("#jump-to-latest").isVisible()
                + (list.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow
                ? ", flow cells " + flow.getCellCount() + " at " + flow.getPosition() : "");
    }

    private static boolean containsText(Node root, String text) {
        return root.lookupAll("Text").stream()
                .anyMatch(node -> node instanceof javafx.scene.text.Text t && t.getText().contains(text));
    }

    /** The list's vertical scroll bar; FX thread, after the first layout. */
    ScrollBar verticalBar() {
        return list().lookupAll(".scroll-bar").stream()
                .filter(node -> node instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL)
                .map(ScrollBar.class::cast).findFirst()
                .orElseThrow(() -> new AssertionError("the message list has no vertical scroll bar"));
    }

    /** Shows an empty room, then this one again, so the list is filled from scratch; FX thread. */
    void reselect() {
        model.selectedRoomProperty().set(RoomName.of("elsewhere"));
        pane.applyCss();
        pane.layout();
        model.selectedRoomProperty().set(ROOM);
    }

    void layout() {
        pane.applyCss();
        pane.layout();
    }

    @Override
    public void close() {
        AppUnderTest.fx(() -> {
            stage.close();
            return null;
        });
        timers.shutdownNow();
    }
}
