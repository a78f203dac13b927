package io.plantconsole.ui.task;

import io.plantconsole.ui.Stylesheets;
import java.time.ZoneId;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import javafx.stage.PopupWindow;

/**
 * The status bar's background-task item: while tasks are queued or running it reads "2 tasks · Export audit log to
 * PDF 40 %" with a small progress bar; otherwise "No tasks running", or "1 task failed" (the {@code :failed}
 * pseudo-class) until the list has been looked at. A click opens the task list above it: the recent tasks, newest
 * first, with name, lane, state or outcome in words, when they ran, and Cancel for queued and running ones.
 *
 * <p>In a status bar it grows into the room the other items leave ({@code HBox.hgrow}), so a long task name is
 * shortened, never the other items. Self-contained: put it in FXML and call {@link #setTasks} once. FX thread.
 */
public final class TaskStatusItem extends HBox {
    private static final PseudoClass ACTIVE = PseudoClass.getPseudoClass("active");
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    /** The width it asks for: it never pushes the status bar's other items into ellipses for its own text. */
    private static final double PREF_WIDTH = 130;
    private static final double MAX_WIDTH = 460;

    private final Label label = new Label(TaskTexts.IDLE);
    private final ProgressBar bar = new ProgressBar();
    private final ListView<BackgroundTask> list = new ListView<>();
    private final VBox listPane;
    private final Popup popup = new Popup();
    private final InvalidationListener changed = o -> refresh();
    private final ListChangeListener<BackgroundTask> added = this::onRecentChanged;
    /** Ended tasks that were in the list when it was last opened: their failures are no longer news. */
    private final Set<BackgroundTask> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private ZoneId zone = ZoneId.systemDefault();
    private BackgroundTasks tasks;

    public TaskStatusItem() {
        getStyleClass().addAll("status-item", "task-status");
        label.setId("taskStatusLabel");
        label.getStyleClass().add("task-status-label");
        bar.setId("taskStatusProgress");
        bar.getStyleClass().add("task-status-progress");
        bar.setVisible(false);
        bar.setManaged(false);
        getChildren().addAll(label, bar);
        // in a status bar it takes only the room the other items leave (the label ellipsizes), up to its maximum
        label.setMinWidth(0);
        bar.setMinWidth(40);
        // the item takes the click as a whole (an indeterminate bar animates its parts under the pointer)
        label.setMouseTransparent(true);
        bar.setMouseTransparent(true);
        setMinWidth(0);
        setPrefWidth(PREF_WIDTH);
        setMaxWidth(MAX_WIDTH);
        HBox.setHgrow(this, Priority.ALWAYS);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(label.textProperty().concat("\nClick for the list of background tasks, with Cancel"));
        Tooltip.install(this, tip);
        setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                toggleList();
            }
        });

        list.setId("taskList");
        list.getStyleClass().add("task-list");
        list.setPlaceholder(new Label("No background tasks yet"));
        list.setCellFactory(v -> new TaskCell(zone));
        list.setPrefSize(460, 320);
        Label title = new Label("Background tasks");
        title.getStyleClass().add("task-list-title");
        listPane = new VBox(6, title, list);
        listPane.getStyleClass().addAll("screen", "task-popup");
        popup.getContent().add(listPane);
        popup.setAutoHide(true);
        popup.setHideOnEscape(true);
        popup.setAnchorLocation(PopupWindow.AnchorLocation.CONTENT_BOTTOM_LEFT);
        popup.setOnHidden(e -> markSeen());
    }

    /** Follows {@code tasks}: the status text and the list. Call once, on the FX thread. */
    public void setTasks(BackgroundTasks tasks) {
        if (this.tasks != null) {
            this.tasks.recent().removeListener(added);
            this.tasks.recent().forEach(this::unfollow);
        }
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        tasks.recent().addListener(added);
        tasks.recent().forEach(this::follow);
        list.setItems(tasks.recent());
        refresh();
    }

    public BackgroundTasks getTasks() {
        return tasks;
    }

    /** The zone the list shows times in (default: the system's). */
    public void setZone(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
        list.setCellFactory(v -> new TaskCell(zone));
    }

    /** The status text now, for example "1 task · Verify local audit chain 40 %". */
    public String text() {
        return label.getText();
    }

    public boolean isListShowing() {
        return popup.isShowing();
    }

    /** Opens the task list above this item (or closes it when open). */
    public void toggleList() {
        if (popup.isShowing()) {
            popup.hide();
        } else {
            showList();
        }
    }

    /** Opens the task list above this item, styled like the window it sits in. */
    public void showList() {
        if (getScene() == null || getScene().getWindow() == null || popup.isShowing()) {
            return;
        }
        listPane.getStylesheets().setAll(Stylesheets.around(this));
        Bounds b = localToScreen(getBoundsInLocal());
        popup.show(this, b.getMinX(), b.getMinY() - 4);
        markSeen();
    }

    public void hideList() {
        popup.hide();
    }

    private void onRecentChanged(ListChangeListener.Change<? extends BackgroundTask> c) {
        while (c.next()) {
            c.getRemoved().forEach(this::unfollow);
            c.getAddedSubList().forEach(this::follow);
        }
        refresh();
    }

    private void follow(BackgroundTask t) {
        t.stateProperty().addListener(changed);
        t.progressProperty().addListener(changed);
    }

    private void unfollow(BackgroundTask t) {
        t.stateProperty().removeListener(changed);
        t.progressProperty().removeListener(changed);
        seen.remove(t);
    }

    private void markSeen() {
        if (tasks != null) {
            tasks.recent().stream().filter(t -> t.state().ended()).forEach(seen::add);
        }
        refresh();
    }

    private void refresh() {
        if (tasks == null) {
            return;
        }
        BackgroundTask current = TaskTexts.current(tasks.recent());
        long failed = tasks.recent().stream().filter(t -> t.state() == TaskState.FAILED && !seen.contains(t))
                .count();
        String text = TaskTexts.summary(tasks.recent());
        boolean idle = current == null;
        if (idle && failed > 0 && !popup.isShowing()) {
            text = failed + (failed == 1 ? " task failed" : " tasks failed") + " · click for the list";
        }
        label.setText(text);
        boolean running = current != null && current.state() == TaskState.RUNNING;
        bar.setVisible(running);
        bar.setManaged(running);
        if (running) {
            double p = current.progressProperty().get();
            bar.setProgress(p < 0 ? ProgressBar.INDETERMINATE_PROGRESS : p);
        }
        pseudoClassStateChanged(ACTIVE, !idle);
        pseudoClassStateChanged(FAILED, idle && failed > 0 && !popup.isShowing());
    }
}
