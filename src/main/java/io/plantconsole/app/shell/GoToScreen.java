package io.plantconsole.app.shell;

import io.plantconsole.ui.ScreenSpec;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * "Go to screen" (Ctrl+K): a search box over the screens the signed-in role may open, matching title and hint;
 * Enter opens the selected (or first) match, Escape closes. An overlay in the shell, so it needs no window of its
 * own. FX thread.
 */
final class GoToScreen {
    static final String PROMPT = "Go to screen…";

    private final StackPane overlay = new StackPane();
    private final TextField query = new TextField();
    private final ListView<ScreenSpec> matches = new ListView<>();
    private final ObservableList<ScreenSpec> shown = FXCollections.observableArrayList();
    private final Supplier<List<ScreenSpec>> openable;
    private final Consumer<ScreenSpec> open;

    GoToScreen(Supplier<List<ScreenSpec>> openable, Consumer<ScreenSpec> open) {
        this.openable = openable;
        this.open = open;
        query.setId("goto-query");
        query.setPromptText(PROMPT);
        matches.setId("goto-matches");
        matches.setItems(shown);
        matches.setPrefHeight(280);
        matches.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ScreenSpec s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : s.title() + " — " + s.hint());
            }
        });
        matches.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                choose();
            }
        });
        query.textProperty().addListener((o, a, text) -> filter(text));
        overlay.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        Label title = new Label("Go to screen");
        title.getStyleClass().add("goto-title");
        VBox box = new VBox(8, title, query, matches);
        box.getStyleClass().add("goto-box");
        box.setMaxSize(520, 360);
        overlay.getChildren().add(box);
        StackPane.setAlignment(box, Pos.TOP_CENTER);
        overlay.getStyleClass().add("goto-overlay");
        overlay.setOnMouseClicked(e -> {
            if (e.getTarget() == overlay) {
                close();
            }
        });
        overlay.setVisible(false);
    }

    StackPane node() {
        return overlay;
    }

    boolean isShowing() {
        return overlay.isVisible();
    }

    void show() {
        query.clear();
        filter("");
        overlay.setVisible(true);
        query.requestFocus();
    }

    void close() {
        overlay.setVisible(false);
    }

    /** The screens matching {@code text} now (title or hint contains every word), in navigation order. */
    List<ScreenSpec> filter(String text) {
        String[] words = text == null ? new String[0] : text.toLowerCase(Locale.ROOT).trim().split("\\s+");
        List<ScreenSpec> hits = openable.get().stream().filter(s -> {
            String hay = (s.title() + " " + s.hint()).toLowerCase(Locale.ROOT);
            for (String w : words) {
                if (!w.isEmpty() && !hay.contains(w)) {
                    return false;
                }
            }
            return true;
        }).toList();
        shown.setAll(hits);
        if (!hits.isEmpty()) {
            matches.getSelectionModel().select(0);
        }
        return hits;
    }

    private void onKey(KeyEvent e) {
        switch (e.getCode()) {
            case ESCAPE -> close();
            case ENTER -> choose();
            case DOWN -> matches.getSelectionModel().selectNext();
            case UP -> matches.getSelectionModel().selectPrevious();
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void choose() {
        ScreenSpec s = matches.getSelectionModel().getSelectedItem();
        if (s == null && !shown.isEmpty()) {
            s = shown.get(0);
        }
        if (s != null) {
            close();
            open.accept(s);
        }
    }

    static boolean isTrigger(KeyEvent e) {
        return e.isShortcutDown() && e.getCode() == KeyCode.K;
    }
}
