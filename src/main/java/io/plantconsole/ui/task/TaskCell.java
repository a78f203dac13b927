package io.plantconsole.ui.task;

import java.time.ZoneId;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One task of the task list: its name, lane, state or outcome in words, when it ran, a progress bar while it runs and
 * Cancel while it is queued or running. State shows as a pseudo-class ({@code :running}, {@code :failed},
 * {@code :cancelled}) next to the words, never colour alone. Follows the task while shown. FX thread.
 */
final class TaskCell extends ListCell<BackgroundTask> {
    private static final PseudoClass RUNNING = PseudoClass.getPseudoClass("running");
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass CANCELLED = PseudoClass.getPseudoClass("cancelled");

    private final ZoneId zone;
    private final Label name = new Label();
    private final Label lane = new Label();
    private final Label state = new Label();
    private final Label time = new Label();
    private final ProgressBar bar = new ProgressBar();
    private final Button cancel = new Button("Cancel");
    private final VBox box;
    private final InvalidationListener changed = o -> show();
    private final WeakInvalidationListener weak = new WeakInvalidationListener(changed);
    private BackgroundTask shown;

    TaskCell(ZoneId zone) {
        this.zone = zone;
        getStyleClass().add("task-cell");
        name.getStyleClass().add("task-name");
        lane.getStyleClass().add("task-lane");
        state.getStyleClass().add("task-state");
        state.setWrapText(true);
        time.getStyleClass().add("task-time");
        bar.getStyleClass().add("task-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        cancel.getStyleClass().addAll("status-button", "task-cancel-button");
        cancel.setOnAction(e -> {
            if (shown != null) {
                shown.cancel();
                show();
            }
        });
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(8, name, gap, lane, cancel);
        top.setAlignment(Pos.CENTER_LEFT);
        box = new VBox(2, top, state, time, bar);
        box.getStyleClass().add("task-cell-box");
        setText(null);
    }

    @Override
    protected void updateItem(BackgroundTask item, boolean empty) {
        super.updateItem(item, empty);
        if (shown != null) {
            shown.stateProperty().removeListener(weak);
            shown.progressProperty().removeListener(weak);
            shown.messageProperty().removeListener(weak);
        }
        shown = empty ? null : item;
        if (shown == null) {
            setGraphic(null);
            pseudoClassStateChanged(RUNNING, false);
            pseudoClassStateChanged(FAILED, false);
            pseudoClassStateChanged(CANCELLED, false);
            return;
        }
        shown.stateProperty().addListener(weak);
        shown.progressProperty().addListener(weak);
        shown.messageProperty().addListener(weak);
        show();
        setGraphic(box);
    }

    private void show() {
        BackgroundTask t = shown;
        if (t == null) {
            return;
        }
        TaskState s = t.state();
        name.setText(t.name());
        lane.setText(t.lane());
        state.setText(TaskTexts.state(t));
        time.setText(TaskTexts.time(t, zone));
        boolean open = !s.ended();
        bar.setVisible(s == TaskState.RUNNING);
        bar.setManaged(s == TaskState.RUNNING);
        bar.setProgress(t.progressProperty().get() < 0 ? ProgressBar.INDETERMINATE_PROGRESS
                : t.progressProperty().get());
        cancel.setVisible(open);
        cancel.setManaged(open);
        cancel.setDisable(t.isCancelRequested());
        pseudoClassStateChanged(RUNNING, s == TaskState.RUNNING);
        pseudoClassStateChanged(FAILED, s == TaskState.FAILED);
        pseudoClassStateChanged(CANCELLED, s == TaskState.CANCELLED);
    }
}
