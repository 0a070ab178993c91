package dev.confab.client.view;

import dev.confab.client.viewmodel.AppViewModel;
import dev.confab.client.viewmodel.ChatViewModel;
import dev.confab.client.viewmodel.Texts;
import java.time.Clock;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.jspecify.annotations.Nullable;

/** The window's content: the start screen or the chat, as the app view model says. */
public final class AppView extends StackPane {
    private final AppViewModel model;
    private final Clock clock;
    private final Runnable openSettings;
    private final StartView start;
    private final Label notice = new Label();
    private @Nullable ChatView chat;
    private @Nullable Scene scene;

    public AppView(AppViewModel model, Clock clock, Runnable openSettings) {
        this.model = model;
        this.clock = clock;
        this.openSettings = openSettings;
        getStyleClass().add("app-view");
        getStylesheets().add(AppView.class.getResource("/dev/confab/client/confab.css").toExternalForm());
        start = new StartView(model.start());
        buildNotice();
        model.screenProperty().addListener((obs, old, screen) -> show());
        model.chatProperty().addListener((obs, old, chatModel) -> rebuildChat(chatModel));
        rebuildChat(model.chatProperty().get());
    }

    /** Binds the window: its title follows the unread count, its focus feeds notifications. */
    public void attach(Stage stage, Scene windowScene) {
        this.scene = windowScene;
        stage.focusedProperty().addListener((obs, old, focused) -> {
            ChatViewModel chatModel = model.chatProperty().get();
            if (chatModel != null) {
                chatModel.windowFocusedProperty().set(focused);
            }
        });
        model.chatProperty().addListener((obs, old, chatModel) -> bindTitle(stage, chatModel));
        bindTitle(stage, model.chatProperty().get());
        if (chat != null) {
            chat.installShortcuts(windowScene, openSettings);
        }
        show();
    }

    /** The window-wide notice: at the top, over either screen; a click or a few seconds dismiss it. */
    private void buildNotice() {
        notice.setId("app-notice");
        notice.getStyleClass().add("toast");
        notice.setWrapText(true);
        notice.setMaxWidth(480);
        notice.textProperty().bind(model.noticeProperty());
        notice.visibleProperty().bind(model.noticeProperty().isNotEmpty());
        notice.setOnMouseClicked(e -> model.dismissNotice());
        StackPane.setAlignment(notice, Pos.TOP_CENTER);
        StackPane.setMargin(notice, new Insets(12));
        PauseTransition timer = new PauseTransition(Duration.seconds(10));
        timer.setOnFinished(e -> model.dismissNotice());
        model.noticeProperty().addListener((obs, old, text) -> {
            if (!text.isEmpty()) {
                timer.playFromStart();
            }
        });
    }

    private void bindTitle(Stage stage, @Nullable ChatViewModel chatModel) {
        stage.titleProperty().unbind();
        if (chatModel != null) {
            stage.titleProperty().bind(chatModel.windowTitleProperty());
        } else {
            stage.setTitle(Texts.get("app.title"));
        }
    }

    private void rebuildChat(@Nullable ChatViewModel chatModel) {
        if (chat != null) {
            chat.dispose();
        }
        chat = chatModel == null ? null : new ChatView(chatModel, clock, openSettings);
        if (chat != null && scene != null) {
            scene.getAccelerators().clear();
            chat.installShortcuts(scene, openSettings);
        }
        show();
    }

    private void show() {
        boolean chatting = model.screenProperty().get() == AppViewModel.Screen.CHAT && chat != null;
        getChildren().setAll(chatting ? chat : start, notice);
        if (chatting) {
            chat.focusComposer();
        } else {
            start.focusFirst();
        }
    }
}
