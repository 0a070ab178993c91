package dev.confab.client.view;

import dev.confab.client.session.MemberView;
import dev.confab.client.viewmodel.ChatViewModel;
import dev.confab.client.viewmodel.Texts;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/** Right pane: the room's members, online first, with presence dots. */
final class MembersView extends VBox {
    MembersView(ChatViewModel model) {
        getStyleClass().add("members");
        Label title = new Label();
        title.getStyleClass().add("section-title");
        title.textProperty().bind(Bindings.concat(Texts.get("members.title"), "  ", Bindings.size(model.members())));
        ListView<MemberView> list = new ListView<>(model.members());
        list.setId("members");
        list.setAccessibleText(Texts.get("members.title"));
        list.setCellFactory(l -> new MemberCell());
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(title, list);
        setSpacing(6);
    }

    private static final class MemberCell extends ListCell<MemberView> {
        private final Circle dot = new Circle(4);
        private final Label name = new Label();
        private final HBox box = new HBox(8, dot, name);

        MemberCell() {
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(MemberView item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            name.setText(item.username());
            dot.getStyleClass().setAll("presence-dot", item.online() ? "online" : "offline");
            name.getStyleClass().setAll("label", item.online() ? "member-online" : "member-offline");
            setAccessibleText(item.username() + ", " + Texts.get(item.online() ? "members.online" : "members.offline"));
            setGraphic(box);
        }
    }
}
