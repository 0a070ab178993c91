package dev.confab.client.view;

import dev.confab.client.viewmodel.StartViewModel;
import dev.confab.client.viewmodel.Texts;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.jspecify.annotations.Nullable;

/** The start screen: two big choices (host, join), the user's name, and the sign-in form when a server asks. */
public final class StartView extends StackPane {
    private final StartViewModel model;
    private final TextField address = new TextField();
    private final Button hostButton = new Button(Texts.get("start.host.button"));
    private @Nullable Region signIn;

    public StartView(StartViewModel model) {
        this.model = model;
        getStyleClass().add("start-view");
        Region choose = choosePage();
        choose.visibleProperty().bind(model.pageProperty().isEqualTo(StartViewModel.Page.CHOOSE));
        getChildren().add(choose);
        // The sign-in page is built when a server first asks for it: hidden, it still cost its styling, skins and
        // layout before the start screen's first frame.
        Runnable signInWhenAsked = () -> {
            if (!choose.isVisible() && signIn == null) {
                signIn = signInPage();
                signIn.visibleProperty().bind(choose.visibleProperty().not());
                getChildren().add(signIn);
            }
        };
        choose.visibleProperty().addListener((obs, was, visible) -> signInWhenAsked.run());
        signInWhenAsked.run();
    }

    /** Puts the keyboard focus on the first thing to do. */
    public void focusFirst() {
        hostButton.requestFocus();
    }

    private Region choosePage() {
        Label title = new Label(Texts.get("app.title"));
        title.getStyleClass().addAll("title-1", "app-title");
        Label tagline = new Label(Texts.get("start.tagline"));
        tagline.getStyleClass().add("text-muted");

        Label hostTitle = new Label(Texts.get("start.host.title"));
        hostTitle.getStyleClass().add("title-3");
        Label hostSub = new Label(Texts.get("start.host.subtitle"));
        hostSub.getStyleClass().add("text-muted");
        Label hostBody = new Label(Texts.get("start.host.body"));
        hostBody.setWrapText(true);
        hostButton.setId("host-button");
        hostButton.getStyleClass().addAll("accent", "large");
        hostButton.setDefaultButton(false);
        hostButton.setOnAction(e -> model.host());
        hostButton.disableProperty().bind(model.busyProperty());
        Region hostGrow = new Region();
        VBox.setVgrow(hostGrow, Priority.ALWAYS);
        VBox hostCard = card(hostTitle, hostSub, hostBody, hostGrow, hostButton);
        hostCard.setId("host-card");

        Label joinTitle = new Label(Texts.get("start.join.title"));
        joinTitle.getStyleClass().add("title-3");
        Label joinBody = new Label(Texts.get("start.join.body"));
        joinBody.setWrapText(true);
        address.setId("address");
        address.setPromptText(Texts.get("start.join.addressPrompt"));
        address.setAccessibleText(Texts.get("start.join.address"));
        address.textProperty().bindBidirectional(model.addressProperty());
        address.setOnAction(e -> model.join());
        Button join = new Button(Texts.get("start.join.button"));
        join.setId("join-button");
        join.setOnAction(e -> model.join());
        join.disableProperty().bind(model.busyProperty().or(model.addressProperty().isEmpty()));
        HBox.setHgrow(address, Priority.ALWAYS);
        HBox joinRow = new HBox(8, address, join);
        FlowPane recent = new FlowPane(6, 4);
        recent.setId("recent-servers");
        Runnable fillRecent = () -> {
            recent.getChildren().clear();
            if (!model.recentServers().isEmpty()) {
                Label label = new Label(Texts.get("start.join.recent") + ":");
                label.getStyleClass().add("text-muted");
                recent.getChildren().add(label);
            }
            for (String server : model.recentServers()) {
                Hyperlink link = new Hyperlink(server);
                link.setOnAction(e -> model.joinRecent(server));
                recent.getChildren().add(link);
            }
        };
        fillRecent.run();
        model.recentServers().addListener((javafx.collections.ListChangeListener<String>) c -> fillRecent.run());
        VBox joinCard = card(joinTitle, joinBody, joinRow, LanList.create(model), recent);
        joinCard.setId("join-card");

        HBox cards = new HBox(20, hostCard, joinCard);
        cards.setAlignment(Pos.CENTER);
        HBox.setHgrow(hostCard, Priority.ALWAYS);
        HBox.setHgrow(joinCard, Priority.ALWAYS);

        Label nameLabel = new Label(Texts.get("start.name"));
        TextField name = new TextField();
        name.setId("display-name");
        name.setPrefColumnCount(16);
        name.setAccessibleText(Texts.get("start.name"));
        name.textProperty().bindBidirectional(model.displayNameProperty());
        nameLabel.setLabelFor(name);
        Label nameHint = new Label(Texts.get("start.name.hint"));
        nameHint.getStyleClass().add("text-muted");
        HBox nameRow = new HBox(10, nameLabel, name, nameHint);
        nameRow.setAlignment(Pos.CENTER_LEFT);

        VBox page = new VBox(18, title, tagline, cards, nameRow, statusRow("start-error"));
        page.getStyleClass().add("start-page");
        page.setMaxWidth(760);
        page.setAlignment(Pos.CENTER_LEFT);
        StackPane wrapper = new StackPane(page);
        wrapper.setAlignment(Pos.CENTER);
        return wrapper;
    }

    private Region signInPage() {
        Label title = new Label();
        title.getStyleClass().add("title-3");
        title.textProperty().bind(model.serverLabelProperty());
        title.setWrapText(true);
        Label where = new Label();
        where.getStyleClass().add("text-muted");
        where.textProperty().bind(model.serverAddressProperty());
        TextField username = new TextField();
        username.setId("signin-username");
        username.setAccessibleText(Texts.get("signin.username"));
        username.textProperty().bindBidirectional(model.usernameProperty());
        PasswordField password = new PasswordField();
        password.setId("signin-password");
        password.setAccessibleText(Texts.get("signin.password"));
        password.textProperty().bindBidirectional(model.passwordProperty());
        password.setOnAction(e -> model.submit());
        Label userLabel = new Label(Texts.get("signin.username"));
        userLabel.setLabelFor(username);
        Label passLabel = new Label(Texts.get("signin.password"));
        passLabel.setLabelFor(password);
        CheckBox create = new CheckBox(Texts.get("signin.createToggle"));
        create.setId("signin-create");
        create.selectedProperty().bindBidirectional(model.creatingAccountProperty());
        create.visibleProperty().bind(model.registrationAllowedProperty());
        create.managedProperty().bind(create.visibleProperty());
        Button submit = new Button();
        submit.setId("signin-submit");
        submit.getStyleClass().add("accent");
        submit.setDefaultButton(true);
        submit.textProperty().bind(Bindings.when(model.creatingAccountProperty())
                .then(Texts.get("signin.create")).otherwise(Texts.get("signin.submit")));
        submit.setOnAction(e -> model.submit());
        submit.disableProperty().bind(model.busyProperty());
        Button guest = new Button(Texts.get("signin.guest"));
        guest.setId("signin-guest");
        guest.visibleProperty().bind(model.guestsAllowedProperty());
        guest.managedProperty().bind(guest.visibleProperty());
        guest.setOnAction(e -> model.continueAsGuest());
        Button back = new Button(Texts.get("signin.back"));
        back.getStyleClass().add("flat");
        back.setOnAction(e -> model.back());
        HBox buttons = new HBox(8, submit, guest, back);
        VBox form = card(title, where, userLabel, username, passLabel, password, create, buttons,
                statusRow("signin-error"));
        form.setMaxWidth(440);
        form.setMaxHeight(Region.USE_PREF_SIZE);
        StackPane wrapper = new StackPane(form);
        wrapper.setAlignment(Pos.CENTER);
        return wrapper;
    }

    private HBox statusRow(String errorId) {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(model.busyProperty());
        spinner.managedProperty().bind(spinner.visibleProperty());
        Label busy = new Label();
        busy.textProperty().bind(model.busyTextProperty());
        busy.visibleProperty().bind(model.busyProperty());
        busy.managedProperty().bind(busy.visibleProperty());
        Label error = new Label();
        error.getStyleClass().addAll("danger", "start-error");
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        error.setId(errorId);
        HBox row = new HBox(8, spinner, busy, error);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static VBox card(javafx.scene.Node... children) {
        VBox card = new VBox(10, children);
        card.getStyleClass().add("start-card");
        card.setPrefWidth(340);
        return card;
    }
}
