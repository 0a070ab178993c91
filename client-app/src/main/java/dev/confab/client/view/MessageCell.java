package dev.confab.client.view;

import dev.confab.client.session.ChatLine;
import dev.confab.client.session.Delivery;
import dev.confab.client.viewmodel.ChatViewModel;
import dev.confab.client.viewmodel.MessageItem;
import dev.confab.client.viewmodel.Texts;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextFlow;

/** One message row: day separator, author line (first of a group), reply quote, text with links, delivery state. */
final class MessageCell extends ListCell<MessageItem> {
    private static final double AVATAR = 34;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL);

    private final ChatViewModel model;
    private final ZoneId zone;
    private final LocalDate today;
    private final Label dayLabel = new Label();
    private final HBox dayRow = new HBox(dayLabel);
    private final Avatar avatar = new Avatar(AVATAR);
    private final Region avatarSpace = new Region();
    private final Label author = new Label();
    private final Label time = new Label();
    private final Label edited = new Label(Texts.get("messages.edited"));
    private final HBox header = new HBox(8, author, time, edited);
    private final Label quote = new Label();
    private final TextFlow text = new TextFlow();
    private final Label state = new Label();
    private final Hyperlink retry = new Hyperlink(Texts.get("messages.retry"));
    private final HBox stateRow = new HBox(6, state, retry);
    private final VBox body = new VBox(2);
    private final HBox row = new HBox(10);
    private final VBox root = new VBox(dayRow, row);

    MessageCell(ListView<MessageItem> list, ChatViewModel model, ZoneId zone, LocalDate today) {
        this.model = model;
        this.zone = zone;
        this.today = today;
        getStyleClass().add("message-cell");
        dayRow.getStyleClass().add("day-separator");
        dayRow.setAlignment(Pos.CENTER);
        author.getStyleClass().add("message-author");
        time.getStyleClass().add("message-time");
        edited.getStyleClass().add("message-edited");
        header.setAlignment(Pos.BASELINE_LEFT);
        quote.getStyleClass().add("message-quote");
        text.getStyleClass().add("message-body");
        state.getStyleClass().add("message-state");
        retry.setOnAction(e -> {
            if (getItem() != null) {
                model.retry(getItem());
            }
        });
        avatarSpace.setMinWidth(AVATAR);
        avatarSpace.setPrefWidth(AVATAR);
        HBox.setHgrow(body, Priority.ALWAYS);
        row.getStyleClass().add("message-row");
        // Wrap to the list's width (less avatar, padding and the scroll bar).
        text.maxWidthProperty().bind(list.widthProperty().subtract(AVATAR + 60));
        quote.maxWidthProperty().bind(list.widthProperty().subtract(AVATAR + 60));
        setPrefWidth(0);
        setGraphic(null);
    }

    @Override
    protected void updateItem(MessageItem item, boolean empty) {
        super.updateItem(item, empty);
        getStyleClass().removeAll("own", "pending", "failed", "group-start", "deleted");
        if (empty || item == null) {
            setGraphic(null);
            setContextMenu(null);
            setTooltip(null);
            setAccessibleText(null);
            return;
        }
        ChatLine line = item.line();
        dayRow.setVisible(item.dayBreak() != null);
        dayRow.setManaged(item.dayBreak() != null);
        if (item.dayBreak() != null) {
            dayLabel.setText(dayText(item.dayBreak()));
        }
        author.setText(line.author());
        time.setText(TIME.format(line.time().atZone(zone)));
        edited.setVisible(line.edited() && !line.deleted());
        edited.setManaged(edited.isVisible());
        header.setVisible(item.startsGroup());
        header.setManaged(item.startsGroup());
        row.getChildren().setAll(item.startsGroup() ? avatar : avatarSpace, body);
        avatar.show(line.author());
        if (line.replyTo() != null && !line.deleted()) {
            String original = line.replyPreview() == null ? Texts.get("messages.replyUnknown") : line.replyPreview();
            quote.setText("↳ " + original);
            quote.setVisible(true);
        } else {
            quote.setVisible(false);
        }
        quote.setManaged(quote.isVisible());
        if (line.deleted()) {
            Label gone = new Label(Texts.get("messages.deleted"));
            gone.getStyleClass().add("message-deleted");
            text.getChildren().setAll(gone);
        } else {
            text.getChildren().setAll(LinkifiedText.nodes(line.content(), model::openLink));
            if (line.edited() && !item.startsGroup()) {
                // A follow-up message has no header to carry the marker, so it trails the text.
                javafx.scene.text.Text marker = new javafx.scene.text.Text("  " + Texts.get("messages.edited"));
                marker.getStyleClass().add("message-edited-inline");
                text.getChildren().add(marker);
            }
        }
        boolean showState = line.delivery() != Delivery.SENT;
        state.setText(line.delivery() == Delivery.FAILED ? "⚠ " + Texts.get("messages.failed")
                : "🕓 " + Texts.get("messages.pending"));
        retry.setVisible(line.delivery() == Delivery.FAILED);
        retry.setManaged(retry.isVisible());
        stateRow.setVisible(showState);
        stateRow.setManaged(showState);
        body.getChildren().setAll(header, quote, text, stateRow);
        if (line.own()) {
            getStyleClass().add("own");
        }
        if (line.delivery() == Delivery.PENDING) {
            getStyleClass().add("pending");
        } else if (line.delivery() == Delivery.FAILED) {
            getStyleClass().add("failed");
        }
        if (item.startsGroup()) {
            getStyleClass().add("group-start");
        }
        setTooltip(item.startsGroup() ? null : new Tooltip(TIME.format(line.time().atZone(zone))));
        setAccessibleText(line.author() + ", " + time.getText() + ": "
                + (line.deleted() ? Texts.get("messages.deleted") : line.content())
                + (line.edited() && !line.deleted() ? " " + Texts.get("messages.edited") : ""));
        setContextMenu(menu(item));
        setGraphic(root);
    }

    private ContextMenu menu(MessageItem item) {
        ChatLine line = item.line();
        ContextMenu menu = new ContextMenu();
        if (!line.deleted() && !line.pending()) {
            MenuItem reply = new MenuItem(Texts.get("messages.reply"));
            reply.setOnAction(e -> model.replyTo(item));
            menu.getItems().add(reply);
        }
        if (line.own() && !line.deleted() && !line.pending()) {
            MenuItem edit = new MenuItem(Texts.get("messages.edit"));
            edit.setOnAction(e -> model.edit(item));
            MenuItem delete = new MenuItem(Texts.get("messages.delete"));
            delete.setOnAction(e -> model.delete(item));
            menu.getItems().addAll(edit, delete);
        }
        if (line.delivery() == Delivery.FAILED) {
            MenuItem again = new MenuItem(Texts.get("messages.retry"));
            again.setOnAction(e -> model.retry(item));
            menu.getItems().add(again);
        }
        if (!line.deleted()) {
            MenuItem copy = new MenuItem(Texts.get("messages.copy"));
            copy.setOnAction(e -> model.copy(item));
            menu.getItems().add(copy);
        }
        return menu;
    }

    private String dayText(LocalDate day) {
        if (day.equals(today)) {
            return "── " + Texts.get("messages.today") + " ──";
        }
        if (day.equals(today.minusDays(1))) {
            return "── " + Texts.get("messages.yesterday") + " ──";
        }
        return "── " + DAY.format(day) + " ──";
    }
}
