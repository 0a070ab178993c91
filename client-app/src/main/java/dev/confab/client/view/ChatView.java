package dev.confab.client.view;

import dev.confab.client.viewmodel.ChatViewModel;
import dev.confab.client.viewmodel.Texts;
import java.time.Clock;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** The main window: rooms | messages | members, with the hosting banner and the connection state always shown. */
public final class ChatView extends StackPane {
    private final ChatViewModel model;
    private final SidebarView sidebar;
    private final MessagesPane messages;
    private final javafx.animation.Timeline ticker;

    public ChatView(ChatViewModel model, Clock clock, Runnable openSettings) {
        this.model = model;
        getStyleClass().add("chat-view");
        sidebar = new SidebarView(model);
        messages = new MessagesPane(model, clock);
        MembersView members = new MembersView(model);

        Label roomTitle = new Label();
        roomTitle.setId("room-title");
        roomTitle.getStyleClass().add("room-title");
        roomTitle.textProperty().bind(Bindings.createStringBinding(
                () -> model.selectedRoomProperty().get() == null ? "" : "# " + model.selectedRoomProperty().get(),
                model.selectedRoomProperty()));
        ToggleButton membersToggle = new ToggleButton(Texts.get("members.title"));
        membersToggle.setId("members-toggle");
        membersToggle.getStyleClass().add("flat");
        membersToggle.setSelected(true);
        Button settings = new Button("⚙");
        settings.setId("settings-button");
        settings.getStyleClass().add("flat");
        settings.setTooltip(new Tooltip(Texts.get("menu.settings") + " (Ctrl+,)"));
        settings.setAccessibleText(Texts.get("menu.settings"));
        settings.setOnAction(e -> openSettings.run());
        // Drawn, not the 👤 emoji: many desktops' fonts lack it and show an empty box.
        javafx.scene.shape.SVGPath person = new javafx.scene.shape.SVGPath();
        person.setContent("M8 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM2.5 14.5c0-3 2.5-5 5.5-5s5.5 2 5.5 5z");
        person.getStyleClass().add("icon");
        Button account = new Button();
        account.setGraphic(person);
        account.setId("account-button");
        account.getStyleClass().add("flat");
        account.setTooltip(new Tooltip(Texts.get("account.title")));
        account.setAccessibleText(Texts.get("account.title"));
        account.setOnAction(e -> AccountDialog.show(getScene().getWindow(), model.account()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(8, roomTitle, grow, membersToggle, account, settings);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("room-header");

        Label offline = new Label(Texts.get("status.offlineBanner"));
        offline.setId("offline-banner");
        offline.getStyleClass().add("offline-banner");
        offline.setMaxWidth(Double.MAX_VALUE);
        offline.visibleProperty().bind(model.status().onlineProperty().not());
        offline.managedProperty().bind(offline.visibleProperty());

        VBox center = new VBox(header, hostBanner(), offline, messages);
        VBox.setVgrow(messages, Priority.ALWAYS);
        center.getStyleClass().add("center");

        SplitPane split = new SplitPane(sidebar, center, members);
        double[] dividers = model.paneDividers();
        split.setDividerPositions(dividers);
        // Remembered when the user lets go of a divider, not on every pixel of the drag.
        split.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> {
            if (split.getDividers().size() == 2) {
                model.paneDividersMoved(split.getDividerPositions()[0], split.getDividerPositions()[1]);
            }
        });
        SplitPane.setResizableWithParent(sidebar, false);
        SplitPane.setResizableWithParent(members, false);
        membersToggle.selectedProperty().addListener((obs, old, show) -> {
            if (show) {
                split.getItems().add(members);
                split.setDividerPosition(1, model.paneDividers()[1]);
            } else {
                split.getItems().remove(members);
            }
        });

        Label toast = new Label();
        toast.setId("toast");
        toast.getStyleClass().add("toast");
        toast.textProperty().bind(model.toastProperty());
        toast.visibleProperty().bind(model.toastProperty().isNotEmpty());
        toast.setWrapText(true);
        toast.setMaxWidth(360);
        toast.setOnMouseClicked(e -> model.dismissToast());
        PauseTransition toastTimer = new PauseTransition(Duration.seconds(6));
        toastTimer.setOnFinished(e -> model.dismissToast());
        model.toastProperty().addListener((obs, old, text) -> {
            if (!text.isEmpty()) {
                toastTimer.playFromStart();
            }
        });
        StackPane.setAlignment(toast, Pos.BOTTOM_RIGHT);
        getChildren().addAll(split, toast);

        ticker = new javafx.animation.Timeline(new KeyFrame(Duration.seconds(1),
                e -> model.status().tick(clock.instant())));
        ticker.setCycleCount(javafx.animation.Animation.INDEFINITE);
        ticker.play();
    }

    /** Installs the window-wide shortcuts (UX.md's keyboard list) on the scene. */
    public void installShortcuts(Scene scene, Runnable openSettings) {
        var keys = scene.getAccelerators();
        keys.put(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN), sidebar::focusRoomField);
        keys.put(new KeyCodeCombination(KeyCode.UP, KeyCombination.ALT_DOWN), () -> model.selectRelative(-1));
        keys.put(new KeyCodeCombination(KeyCode.DOWN, KeyCombination.ALT_DOWN), () -> model.selectRelative(1));
        keys.put(new KeyCodeCombination(KeyCode.UP, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                () -> model.selectUnread(-1));
        keys.put(new KeyCodeCombination(KeyCode.DOWN, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                () -> model.selectUnread(1));
        keys.put(new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN), openSettings);
    }

    /** Stops the countdown timer; the view is going away. */
    public void dispose() {
        ticker.stop();
    }

    public void focusComposer() {
        messages.focusComposer();
    }

    private Region hostBanner() {
        FlowPane banner = new FlowPane(8, 4);
        banner.setId("host-banner");
        banner.getStyleClass().add("host-banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        Runnable fill = () -> {
            banner.getChildren().setAll(new Label(Texts.get("host.banner")));
            for (String address : model.hostAddresses()) {
                Label shown = new Label(address);
                shown.getStyleClass().add("host-address");
                Button copy = new Button(Texts.get("host.copy"));
                copy.getStyleClass().addAll("small", "flat");
                copy.setAccessibleText(Texts.get("host.copyAddress", address));
                copy.setOnAction(e -> model.copyText(address));
                banner.getChildren().addAll(shown, copy);
            }
            if (!model.hostAddresses().isEmpty()) {
                // One "Invite" menu, not two more buttons: the banner stays one line in a narrow window.
                MenuItem link = new MenuItem(Texts.get("host.copyLink"));
                link.setId("copy-invite-link");
                link.setOnAction(e -> model.copyText(model.inviteLink()));
                MenuItem text = new MenuItem(Texts.get("host.copyInvite"));
                text.setId("copy-invite");
                text.setOnAction(e -> model.copyText(model.inviteText()));
                MenuButton invite = new MenuButton(Texts.get("host.invite"), null, link, text);
                invite.setId("invite-menu");
                invite.getStyleClass().addAll("small", "flat");
                invite.setAccessibleText(Texts.get("host.inviteAccessible"));
                banner.getChildren().add(invite);
            }
        };
        fill.run();
        model.hostAddresses().addListener((javafx.collections.ListChangeListener<String>) c -> fill.run());
        banner.visibleProperty().bind(Bindings.isNotEmpty(model.hostAddresses()));
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }
}
