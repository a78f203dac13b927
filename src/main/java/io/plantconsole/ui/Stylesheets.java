package io.plantconsole.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;

/**
 * The stylesheets that style a node where it sits (its scene's, then every parent's from the root down), for a
 * dialog or a popup that shows in a window of its own and should look like the screen it belongs to. FX thread.
 */
public final class Stylesheets {
    private Stylesheets() {
    }

    /** The scene's and the parent chain's stylesheets, in cascade order, each once; empty for a detached node. */
    public static List<String> around(Node node) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node.getScene() != null) {
            out.addAll(node.getScene().getStylesheets());
        }
        List<Parent> chain = new ArrayList<>();
        for (Parent p = node instanceof Parent self ? self : node.getParent(); p != null; p = p.getParent()) {
            chain.add(0, p);
        }
        for (Parent p : chain) {
            p.getStylesheets().stream().filter(s -> !out.contains(s)).forEach(out::add);
        }
        return out;
    }
}
