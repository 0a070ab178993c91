package dev.confab.client.view;

import dev.confab.client.viewmodel.AppViewModel;
import dev.confab.client.viewmodel.ChatViewModel;
import java.time.Clock;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.jspecify.annotations.Nullable;

/** The window's content: the start screen or the chat, as the app view model says. */
public final class AppView extends StackPane {
    private final AppViewModel model;
    private final Clock clock;
    private final Runnable openSettings;
    private final StartView start;
    private @Nullable ChatView chat;
    private @Nullable Scene scene;

    public AppView(AppViewModel model, Clock clock, Runnable openSettings) {
        this.model = model;
        this.clock = clock;
        this.openSettings = openSettings;
        getStyleClass().add("app-view");
        getStylesheets().add(AppView.class.getResource("/dev/confab/client/confab.css").toExternalForm());
        start = new StartView(model.start());
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

    private void bindTitle(Stage stage, @Nullable ChatViewModel chatModel) {
        stage.titleProperty().unbind();
        if (chatModel != null) {
            stage.titleProperty().bind(chatModel.windowTitleProperty());
        } else {
            stage.setTitle("Confab");
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
        getChildren().setAll(chatting ? chat : start);
        if (chatting) {
            chat.focusComposer();
        } else {
            start.focusFirst();
        }
    }
}
