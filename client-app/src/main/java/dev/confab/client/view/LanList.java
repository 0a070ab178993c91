package dev.confab.client.view;

import dev.confab.client.viewmodel.CheckItem;
import dev.confab.client.viewmodel.FoundItem;
import dev.confab.client.viewmodel.StartViewModel;
import dev.confab.client.viewmodel.Texts;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * "Found on your network": the servers the LAN browser sees, live, each joined with one click; while searching a
 * spinner; when the search found nothing, the network check's reasons and what to do.
 */
final class LanList {
    private LanList() {
    }

    static VBox create(StartViewModel model) {
        Label title = new Label(Texts.get("start.found.title"));
        title.getStyleClass().add("lan-title");

        VBox rows = new VBox(4);
        rows.setId("found-servers");
        Runnable fillRows = () -> rows.getChildren().setAll(model.found().stream().map(i -> row(model, i)).toList());
        fillRows.run();
        model.found().addListener((ListChangeListener<FoundItem>) c -> fillRows.run());

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(14, 14);
        Label searchingText = new Label(Texts.get("start.found.searching"));
        searchingText.getStyleClass().add("text-muted");
        HBox searching = new HBox(8, spinner, searchingText);
        searching.setId("lan-searching");
        searching.setAlignment(Pos.CENTER_LEFT);
        showWhen(searching, model.searchingProperty());

        VBox check = networkCheck(model);
        showWhen(check, model.nothingFoundProperty());

        VBox section = new VBox(6, title, rows, searching, check);
        section.getStyleClass().add("lan-section");
        return section;
    }

    private static HBox row(StartViewModel model, FoundItem item) {
        Label name = new Label(item.name());
        name.getStyleClass().add("lan-name");
        Label detail = new Label(item.detail() + " · " + item.address());
        detail.getStyleClass().add("text-muted");
        detail.setWrapText(true);
        VBox text = new VBox(1, name, detail);
        text.setMinWidth(0);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button join = new Button(Texts.get("start.found.join"));
        join.getStyleClass().add("small");
        join.setMinWidth(Region.USE_PREF_SIZE);
        join.setAccessibleText(Texts.get("start.found.joinNamed", item.name()));
        join.disableProperty().bind(model.busyProperty());
        join.setOnAction(e -> model.joinFound(item));
        HBox row = new HBox(10, text, join);
        row.getStyleClass().add("lan-row");
        row.setAlignment(Pos.CENTER_LEFT);
        row.setAccessibleText(item.accessibleText());
        row.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && !model.busyProperty().get()) {
                model.joinFound(item);
            }
        });
        return row;
    }

    private static VBox networkCheck(StartViewModel model) {
        Label none = new Label(Texts.get("start.found.none"));
        none.getStyleClass().add("text-muted");
        none.setWrapText(true);
        VBox findings = new VBox(8);
        findings.setId("network-check");
        Runnable fill = () -> findings.getChildren().setAll(model.networkCheck().stream()
                .map(LanList::finding).toList());
        fill.run();
        model.networkCheck().addListener((ListChangeListener<CheckItem>) c -> fill.run());
        Hyperlink again = new Hyperlink(Texts.get("start.found.checkAgain"));
        again.setId("check-again");
        again.setOnAction(e -> model.checkNetworkAgain());
        return new VBox(6, none, findings, again);
    }

    private static VBox finding(CheckItem item) {
        Label title = new Label(item.title());
        title.getStyleClass().add("check-title");
        title.setWrapText(true);
        Label advice = new Label(item.advice());
        advice.getStyleClass().add("text-muted");
        advice.setWrapText(true);
        VBox box = new VBox(2, title, advice);
        box.getStyleClass().add("check-item");
        return box;
    }

    private static void showWhen(Region node, javafx.beans.value.ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(node.visibleProperty());
    }
}
