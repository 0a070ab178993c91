package dev.confab.client.view;

import dev.confab.client.viewmodel.ChatViewModel;
import dev.confab.client.viewmodel.ConnectionLevel;
import dev.confab.client.viewmodel.RoomItem;
import dev.confab.client.viewmodel.Texts;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/** Left pane: server name with the connection dot, the rooms with unread counts, join/create, and the user. */
final class SidebarView extends VBox {
    private final ChatViewModel model;
    private final ListView<RoomItem> rooms = new ListView<>();
    private final TextField roomField = new TextField();
    private final Label roomError = new Label();
    private boolean syncing;

    SidebarView(ChatViewModel model) {
        this.model = model;
        getStyleClass().add("sidebar");
        setSpacing(6);

        Circle dot = new Circle(5);
        dot.getStyleClass().add("connection-dot");
        model.status().levelProperty().addListener((obs, old, level) -> dotStyle(dot, level));
        dotStyle(dot, model.status().levelProperty().get());
        Label server = new Label();
        server.getStyleClass().add("server-name");
        server.textProperty().bind(model.serverNameProperty());
        HBox serverRow = new HBox(8, dot, server);
        serverRow.setAlignment(Pos.CENTER_LEFT);

        Label statusText = new Label();
        statusText.getStyleClass().add("connection-text");
        statusText.textProperty().bind(model.status().textProperty());
        statusText.setId("connection-status");
        Hyperlink retry = new Hyperlink(Texts.get("status.retry"));
        retry.setId("retry-now");
        retry.visibleProperty().bind(model.status().retryVisibleProperty());
        retry.managedProperty().bind(retry.visibleProperty());
        retry.setOnAction(e -> model.retryNow());
        HBox statusRow = new HBox(4, statusText, retry);
        statusRow.setAlignment(Pos.CENTER_LEFT);

        Label roomsTitle = new Label(Texts.get("rooms.title"));
        roomsTitle.getStyleClass().add("section-title");
        Button add = new Button("+");
        add.getStyleClass().addAll("flat", "small");
        add.setTooltip(new Tooltip(Texts.get("rooms.add") + " (Ctrl+K)"));
        add.setAccessibleText(Texts.get("rooms.add"));
        add.setOnAction(e -> focusRoomField());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox roomsHeader = new HBox(roomsTitle, grow, add);
        roomsHeader.setAlignment(Pos.CENTER_LEFT);

        roomField.setId("room-field");
        roomField.setPromptText(Texts.get("rooms.addPrompt"));
        roomField.setAccessibleText(Texts.get("rooms.jumpTitle"));
        roomField.setOnAction(e -> joinTyped());
        roomField.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                roomField.clear();
                roomError.setText("");
                rooms.requestFocus();
            }
        });
        roomError.getStyleClass().add("field-error");
        roomError.setWrapText(true);
        roomError.managedProperty().bind(roomError.textProperty().isNotEmpty());

        rooms.setId("rooms");
        rooms.getStyleClass().add("rooms");
        rooms.setItems(model.rooms());
        rooms.setCellFactory(list -> new RoomCell());
        rooms.setAccessibleText(Texts.get("rooms.accessible"));
        VBox.setVgrow(rooms, Priority.ALWAYS);
        rooms.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (!syncing && item != null) {
                model.selectedRoomProperty().set(item.room());
            }
        });
        model.selectedRoomProperty().addListener((obs, old, room) -> syncSelection());
        model.rooms().addListener((javafx.collections.ListChangeListener<RoomItem>) c -> syncSelection());

        Label user = new Label();
        user.getStyleClass().add("user-name");
        user.textProperty().bind(model.usernameProperty());
        Avatar me = new Avatar(24);
        model.usernameProperty().addListener((obs, old, name) -> me.show(name));
        HBox userRow = new HBox(8, me, user);
        userRow.setAlignment(Pos.CENTER_LEFT);
        userRow.getStyleClass().add("user-row");

        getChildren().addAll(serverRow, statusRow, roomsHeader, roomField, roomError, rooms, userRow);
    }

    void focusRoomField() {
        roomField.requestFocus();
    }

    ListView<RoomItem> roomList() {
        return rooms;
    }

    private void joinTyped() {
        String typed = roomField.getText();
        if (typed.isBlank()) {
            return;
        }
        model.joinRoom(typed).ifPresentOrElse(roomError::setText, () -> {
            roomError.setText("");
            roomField.clear();
        });
    }

    private void syncSelection() {
        syncing = true;
        try {
            var selected = model.selectedRoomProperty().get();
            for (int i = 0; i < rooms.getItems().size(); i++) {
                if (rooms.getItems().get(i).room().equals(selected)) {
                    rooms.getSelectionModel().select(i);
                    return;
                }
            }
            rooms.getSelectionModel().clearSelection();
        } finally {
            syncing = false;
        }
    }

    private static void dotStyle(Circle dot, ConnectionLevel level) {
        dot.getStyleClass().removeAll("online", "reconnecting", "offline");
        dot.getStyleClass().add(switch (level) {
            case ONLINE -> "online";
            case RECONNECTING -> "reconnecting";
            case OFFLINE -> "offline";
        });
    }

    private final class RoomCell extends ListCell<RoomItem> {
        private final Label name = new Label();
        private final Label badge = new Label();
        private final Region grow = new Region();
        private final HBox box = new HBox(6, name, grow, badge);

        RoomCell() {
            HBox.setHgrow(grow, Priority.ALWAYS);
            box.setAlignment(Pos.CENTER_LEFT);
            badge.getStyleClass().add("unread-badge");
        }

        @Override
        protected void updateItem(RoomItem item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("unread", "muted", "mentioned");
            if (empty || item == null) {
                setGraphic(null);
                setContextMenu(null);
                return;
            }
            name.setText(item.label());
            badge.setText(item.mentioned() ? "@ " + item.unread() : Integer.toString(item.unread()));
            badge.setVisible(item.unread() > 0);
            if (item.unread() > 0) {
                getStyleClass().add("unread");
            }
            if (item.muted()) {
                getStyleClass().add("muted");
            }
            if (item.mentioned()) {
                getStyleClass().add("mentioned");
            }
            String unread = item.unread() > 0 ? ", " + Texts.get("rooms.unread", item.unread()) : "";
            setAccessibleText(item.label() + unread);
            MenuItem mute = new MenuItem(Texts.get(item.muted() ? "rooms.unmute" : "rooms.mute"));
            mute.setOnAction(e -> model.toggleMute(item.room()));
            MenuItem leave = new MenuItem(Texts.get("rooms.leave"));
            leave.setOnAction(e -> model.leave(item.room()));
            setContextMenu(new ContextMenu(mute, leave));
            setGraphic(box);
        }
    }
}
