package dev.confab.client.view;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.text.Text;

/** Splits message text into plain runs and clickable links. */
final class LinkifiedText {
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+[^\\s<>\".,;:!?)\\]]");

    private LinkifiedText() {
    }

    static List<Node> nodes(String content, Consumer<String> open) {
        List<Node> nodes = new ArrayList<>();
        Matcher matcher = URL.matcher(content);
        int at = 0;
        while (matcher.find()) {
            if (matcher.start() > at) {
                nodes.add(text(content.substring(at, matcher.start())));
            }
            String url = matcher.group();
            Hyperlink link = new Hyperlink(url);
            link.getStyleClass().add("message-link");
            link.setOnAction(e -> open.accept(url));
            link.setAccessibleText(url);
            nodes.add(link);
            at = matcher.end();
        }
        if (at < content.length()) {
            nodes.add(text(content.substring(at)));
        }
        return nodes;
    }

    private static Text text(String run) {
        Text text = new Text(run);
        text.getStyleClass().add("message-text");
        return text;
    }
}
