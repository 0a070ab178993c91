package dev.confab.client.view;

import dev.confab.client.viewmodel.Texts;
import dev.confab.client.viewmodel.TrustQuestion;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * Asks whether to trust a server's certificate: its fingerprint to compare with the host's, and for a changed
 * certificate a warning with the one trusted before. Modal: nothing else happens in the window until the user
 * decides; closing the dialog refuses. Cancel is the default button of the warning, so Enter does not trust.
 */
public final class CertificateTrustDialog {
    private CertificateTrustDialog() {
    }

    /** Shows the question and waits (FX thread); true when the user trusts the certificate. */
    public static boolean show(Window owner, TrustQuestion question) {
        Dialog<Boolean> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle(question.title());
        dialog.setHeaderText(question.header());
        dialog.getDialogPane().setId("trust-dialog");
        if (question.warning()) {
            dialog.getDialogPane().getStyleClass().add("trust-warning");
        }
        Label body = new Label(question.body());
        body.setWrapText(true);
        body.setMaxWidth(520);
        VBox content = new VBox(8, body, new Label(Texts.get("trust.fingerprint")),
                readOnly("trust-fingerprint", question.fingerprint()));
        question.previous().ifPresent(previous -> content.getChildren().addAll(
                new Label(Texts.get("trust.previous")), readOnly("trust-previous", previous)));
        dialog.getDialogPane().setContent(content);
        ButtonType accept = new ButtonType(question.acceptLabel(), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(question.cancelLabel(), ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().setAll(accept, cancel);
        Button acceptButton = (Button) dialog.getDialogPane().lookupButton(accept);
        Button cancelButton = (Button) dialog.getDialogPane().lookupButton(cancel);
        acceptButton.setId("trust-accept");
        cancelButton.setId("trust-cancel");
        if (question.warning()) {
            acceptButton.setDefaultButton(false);
            cancelButton.setDefaultButton(true);
            acceptButton.getStyleClass().add("danger");
        }
        dialog.setResultConverter(button -> button == accept);
        return dialog.showAndWait().orElse(false);
    }

    private static TextField readOnly(String id, String text) {
        TextField field = new TextField(text);
        field.setId(id);
        field.setEditable(false);
        field.setPrefColumnCount(text.length());
        field.setStyle("-fx-font-family: monospace;");
        return field;
    }
}
