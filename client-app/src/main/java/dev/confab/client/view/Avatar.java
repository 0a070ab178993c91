package dev.confab.client.view;

import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

/** A circle with a person's initials, in a colour derived from the name so it stays the same everywhere. */
final class Avatar extends StackPane {
    private static final double[] HUES = {210, 150, 30, 280, 350, 190, 90, 250, 10, 320};
    private final Circle circle;
    private final Label initials = new Label();

    Avatar(double size) {
        circle = new Circle(size / 2);
        initials.getStyleClass().add("avatar-initials");
        getChildren().addAll(circle, initials);
        setMinSize(size, size);
        setMaxSize(size, size);
        getStyleClass().add("avatar");
    }

    void show(String name) {
        initials.setText(initialsOf(name));
        circle.setFill(colorOf(name));
    }

    static String initialsOf(String name) {
        String[] parts = name.split("[_.\\-\\s]+");
        String first = parts.length > 0 && !parts[0].isEmpty() ? parts[0].substring(0, 1) : "?";
        String second = parts.length > 1 && !parts[1].isEmpty() ? parts[1].substring(0, 1) : "";
        return (first + second).toUpperCase(Locale.ROOT);
    }

    static Color colorOf(String name) {
        int hash = name.toLowerCase(Locale.ROOT).hashCode();
        return Color.hsb(HUES[Math.floorMod(hash, HUES.length)], 0.55, 0.75);
    }
}
