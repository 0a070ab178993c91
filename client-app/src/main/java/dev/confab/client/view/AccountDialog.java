package dev.confab.client.view;

import dev.confab.client.viewmodel.AccountViewModel;
import dev.confab.client.viewmodel.Texts;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Separator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The account dialog: change the password, or sign out on every device. */
public final class AccountDialog {
    private AccountDialog() {
    }

    public static void show(Window owner, AccountViewModel model) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(Texts.get("account.title"));
        dialog.getDialogPane().setId("account-dialog");

        PasswordField current = password("account-current", model.currentPasswordProperty());
        PasswordField next = password("account-new", model.newPasswordProperty());
        PasswordField repeat = password("account-repeat", model.repeatedPasswordProperty());
        GridPane fields = new GridPane();
        fields.setHgap(8);
        fields.setVgap(6);
        fields.addRow(0, label("account.current", current), current);
        fields.addRow(1, label("account.new", next), next);
        fields.addRow(2, label("account.repeat", repeat), repeat);
        Button change = new Button(Texts.get("account.change"));
        change.setId("account-change");
        change.setDefaultButton(true);
        change.disableProperty().bind(model.busyProperty());
        change.setOnAction(e -> model.changePassword());
        Button signOut = new Button(Texts.get("account.signOut"));
        signOut.setId("account-sign-out");
        signOut.disableProperty().bind(model.busyProperty());
        signOut.setOnAction(e -> model.logout());
        Label message = new Label();
        message.setId("account-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        Label signOutHint = new Label(Texts.get("account.signOutHint"));
        signOutHint.setWrapText(true);
        VBox content = new VBox(10, fields, change, message, new Separator(), signOutHint, signOut);
        content.setMaxWidth(420);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().add(new ButtonType(Texts.get("settings.close"),
                ButtonBar.ButtonData.CANCEL_CLOSE));
        dialog.show();
    }

    private static PasswordField password(String id, javafx.beans.property.StringProperty value) {
        PasswordField field = new PasswordField();
        field.setId(id);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    private static Label label(String key, PasswordField field) {
        Label label = new Label(Texts.get(key));
        label.setLabelFor(field);
        return label;
    }
}
