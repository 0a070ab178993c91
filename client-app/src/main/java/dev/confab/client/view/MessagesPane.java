package dev.confab.client.view;

import dev.confab.client.viewmodel.ChatViewModel;
import dev.confab.client.viewmodel.MessageItem;
import dev.confab.client.viewmodel.Texts;
import dev.confab.client.viewmodel.Timeline;
import java.time.Clock;
import java.time.LocalDate;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.jspecify.annotations.Nullable;

/**
 * Centre pane: the room's messages (a virtualized list that stays at the newest message unless the user scrolled
 * up, then offers "Jump to latest"), who is typing, and the composer.
 */
final class MessagesPane extends VBox {
    private final ChatViewModel model;
    private final ListView<MessageItem> list = new ListView<>();
    private final Button jumpToLatest = new Button(Texts.get("messages.jumpLatest"));
    private final TextArea composer = new TextArea();
    private final ListChangeListener<MessageItem> onItems = this::itemsChanged;
    private boolean stickToBottom = true;
    /** Where to scroll once the list has laid out its new items (its skin counts them only then); -1 for none. */
    private int pendingScroll = -1;
    private @Nullable ScrollBar verticalBar;

    MessagesPane(ChatViewModel model, Clock clock) {
        this.model = model;
        getStyleClass().add("messages-pane");

        list.setId("messages");
        list.getStyleClass().add("message-list");
        list.setFocusTraversable(true);
        list.accessibleTextProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.selectedRoomProperty().get() == null ? Texts.get("messages.accessibleNone")
                        : Texts.get("messages.accessible", model.selectedRoomProperty().get().value()),
                model.selectedRoomProperty()));
        LocalDate today = LocalDate.now(clock);
        list.setCellFactory(l -> new MessageCell(l, model, clock.getZone(), today));
        Label empty = new Label(Texts.get("messages.empty"));
        empty.getStyleClass().add("empty-state");
        list.setPlaceholder(empty);
        // The list's scroll bar exists only once its skin has laid out, so hook it at the first chance.
        list.skinProperty().addListener((obs, old, skin) -> hookScrollBar());
        list.addEventFilter(javafx.scene.input.ScrollEvent.ANY, e -> hookScrollBar());
        list.needsLayoutProperty().addListener((obs, old, needs) -> {
            hookScrollBar();
            if (!needs) {
                scrollAfterLayout();
            }
        });

        jumpToLatest.setId("jump-to-latest");
        jumpToLatest.getStyleClass().addAll("accent", "rounded", "jump-pill");
        jumpToLatest.setVisible(false);
        jumpToLatest.setOnAction(e -> scrollToNewest());
        StackPane listStack = new StackPane(list, jumpToLatest);
        StackPane.setAlignment(jumpToLatest, Pos.BOTTOM_CENTER);
        VBox.setVgrow(listStack, Priority.ALWAYS);

        Label typing = label("typing", model.typingTextProperty());
        typing.getStyleClass().add("typing");
        Label notice = label("notice", model.noticeProperty());
        notice.getStyleClass().add("notice");
        Label banner = label("composer-banner", model.composer().bannerProperty());
        banner.getStyleClass().add("composer-banner");

        composer.setId("composer");
        composer.getStyleClass().add("composer");
        composer.setWrapText(true);
        composer.setPrefRowCount(2);
        composer.promptTextProperty().bind(model.composer().promptProperty());
        composer.textProperty().bindBidirectional(model.composer().draftProperty());
        composer.setAccessibleText(Texts.get("composer.accessible"));
        composer.addEventFilter(KeyEvent.KEY_PRESSED, this::composerKey);
        composer.textProperty().addListener((obs, old, text) -> {
            // Only the person typing counts, not a draft restored when switching rooms.
            if (text.length() > old.length() && composer.isFocused()) {
                model.typed();
            }
        });
        Button send = new Button(Texts.get("composer.send"));
        send.setId("send");
        send.getStyleClass().add("accent");
        send.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        send.setOnAction(e -> {
            model.send();
            composer.requestFocus();
        });
        HBox.setHgrow(composer, Priority.ALWAYS);
        HBox composerRow = new HBox(8, composer, send);
        composerRow.setAlignment(Pos.BOTTOM_LEFT);
        composerRow.getStyleClass().add("composer-row");

        getChildren().addAll(listStack, typing, notice, banner, composerRow);
        model.timelineProperty().addListener((obs, old, timeline) -> show(old, timeline));
        show(null, model.timelineProperty().get());
    }

    void focusComposer() {
        composer.requestFocus();
    }

    TextArea composer() {
        return composer;
    }

    private void show(@Nullable Timeline old, Timeline timeline) {
        if (old != null) {
            old.items().removeListener(onItems);
        }
        list.setItems(timeline.items());
        timeline.items().addListener(onItems);
        scrollToNewest();
    }

    private void itemsChanged(ListChangeListener.Change<? extends MessageItem> change) {
        hookScrollBar();
        int prepended = 0;
        boolean appended = false;
        while (change.next()) {
            int grown = change.getAddedSize() - change.getRemovedSize();
            if (grown <= 0) {
                continue;
            }
            if (change.getFrom() == 0 && change.getList().size() > grown) {
                prepended += grown;
            } else if (change.getTo() == change.getList().size()) {
                appended = true;
            }
        }
        if (prepended > 0 && !stickToBottom) {
            // Older history arrived above: keep the message the user was reading where it was.
            scrollSoon(prepended);
        }
        if (appended) {
            if (stickToBottom) {
                scrollSoon(list.getItems().size() - 1);
            } else {
                jumpToLatest.setVisible(true);
            }
        } else if (stickToBottom && !list.getItems().isEmpty()) {
            scrollSoon(list.getItems().size() - 1);
        }
    }

    private void scrollToNewest() {
        stickToBottom = true;
        jumpToLatest.setVisible(false);
        if (!list.getItems().isEmpty()) {
            scrollSoon(list.getItems().size() - 1);
        }
    }

    private void scrollSoon(int index) {
        pendingScroll = index;
        list.requestLayout();
    }

    private void scrollAfterLayout() {
        int index = pendingScroll;
        if (index < 0) {
            return;
        }
        pendingScroll = -1;
        int size = list.getItems().size();
        if (size == 0) {
            return;
        }
        if (index >= size - 1 && list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
            // The newest row. ListView.scrollTo (which first counts new rows) puts it at the top, and the position
            // that comes out of estimated row heights can fall just short of the end, leaving the newest row under
            // the viewport: then pin the flow to its very end.
            list.scrollTo(size - 1);
            flow.setPosition(1.0);
        } else {
            list.scrollTo(Math.min(index, size - 1));
        }
    }

    private void hookScrollBar() {
        if (verticalBar != null) {
            return;
        }
        for (Node node : list.lookupAll(".scroll-bar")) {
            if (node instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
                verticalBar = bar;
                bar.valueProperty().addListener((obs, old, value) -> scrolled(bar));
                return;
            }
        }
    }

    private void scrolled(ScrollBar bar) {
        // Within a quarter of a screen of the end counts as the bottom: when the list measures rows whose heights
        // it had estimated, the bar moves a little with no one scrolling (after a burst: 1.05 to 0.997), which a
        // strict "bar at its end" test took for the user scrolling up. (Asking whether the newest row is on screen
        // instead is wrong here: when the user drags the bar, the rows are laid out only after this runs.)
        boolean atBottom = bar.getValue() >= bar.getMax() - Math.max(0.002, bar.getVisibleAmount() / 4);
        if (!atBottom && stickToBottom && pendingScroll >= 0) {
            // The list grew and laid out before the scroll to the newest row ran: the bar moved, the user did not.
            // Leaving stickToBottom set, that scroll follows right after this layout.
            return;
        }
        stickToBottom = atBottom;
        if (atBottom) {
            jumpToLatest.setVisible(false);
        }
        if (bar.getValue() <= bar.getMin() + 0.0001 && bar.isVisible()) {
            model.loadOlder();
        }
    }

    private void composerKey(KeyEvent event) {
        KeyCode code = event.getCode();
        if (code == KeyCode.ENTER && !event.isShiftDown() && !event.isControlDown() && !event.isAltDown()) {
            event.consume();
            model.send();
        } else if (code == KeyCode.ENTER && event.isShiftDown()) {
            event.consume();
            composer.insertText(composer.getCaretPosition(), "\n");
        } else if (code == KeyCode.UP && !event.isAltDown() && !event.isControlDown() && model.editLast()) {
            event.consume();
            composer.end();
        } else if (code == KeyCode.ESCAPE && model.cancel()) {
            event.consume();
        }
    }

    boolean scrollBarHooked() {
        return verticalBar != null;
    }

    private static Label label(String id, javafx.beans.value.ObservableValue<String> text) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.textProperty().bind(text);
        label.managedProperty().bind(label.textProperty().isNotEmpty());
        label.visibleProperty().bind(label.managedProperty());
        return label;
    }
}
