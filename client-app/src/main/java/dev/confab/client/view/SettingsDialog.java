package dev.confab.client.view;

import dev.confab.client.settings.Settings;
import dev.confab.client.settings.Theme;
import dev.confab.client.viewmodel.Texts;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

/** Ctrl+,: the few settings there are (the theme). Applied at once. */
public final class SettingsDialog {
    private SettingsDialog() {
    }

    public static void show(Window owner, Settings settings) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(Texts.get("settings.title"));
        ComboBox<Theme> theme = new ComboBox<>();
        theme.getItems().setAll(Theme.values());
        theme.setValue(settings.theme());
        theme.setAccessibleText(Texts.get("settings.theme"));
        theme.setConverter(new StringConverter<>() {
            @Override
            public String toString(Theme value) {
                return value == null ? ""
                        : Texts.get("settings.theme." + value.name().toLowerCase(java.util.Locale.ROOT));
            }

            @Override
            public Theme fromString(String text) {
                return Theme.SYSTEM;
            }
        });
        theme.valueProperty().addListener((obs, old, value) -> {
            settings.theme(value);
            Themes.apply(value);
        });
        Label label = new Label(Texts.get("settings.theme"));
        label.setLabelFor(theme);
        HBox row = new HBox(12, label, theme);
        row.setStyle("-fx-padding: 12; -fx-alignment: center-left;");
        javafx.scene.control.CheckBox hostTls = new javafx.scene.control.CheckBox(Texts.get("settings.hostTls"));
        hostTls.setId("settings-host-tls");
        hostTls.setSelected(settings.hostTls());
        hostTls.selectedProperty().addListener((obs, old, value) -> settings.hostTls(value));
        javafx.scene.layout.VBox rows = new javafx.scene.layout.VBox(8, row, hostTls);
        rows.setStyle("-fx-padding: 0 12 12 12;");
        dialog.getDialogPane().setContent(rows);
        dialog.getDialogPane().getButtonTypes().add(new ButtonType(Texts.get("settings.close"),
                javafx.scene.control.ButtonBar.ButtonData.OK_DONE));
        dialog.showAndWait();
    }
}
