package io.plantconsole.ui.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantconsole.app.shell.MainWindow;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The status bar's task item and its task list, over the console's threaded task seam. */
@ExtendWith(ApplicationExtension.class)
class TaskStatusItemFxTest {
    private final BackgroundTasks tasks = BackgroundTasks.threaded();
    private final CountDownLatch release = new CountDownLatch(1);
    private TaskStatusItem item;

    @Start
    void start(Stage stage) {
        item = new TaskStatusItem();
        item.setId("taskStatus");
        item.setTasks(tasks);
        HBox bar = new HBox(new Label("Sync: up to date"), item);
        bar.getStyleClass().add("status-bar");
        BorderPane root = new BorderPane();
        root.getStyleClass().add("shell");
        root.setBottom(bar);
        Scene scene = new Scene(root, 900, 500);
        scene.getStylesheets().addAll(MainWindow.stylesheetUrls());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        release.countDown();
        robot.interact(item::hideList);
        tasks.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private BackgroundTask submit(FxRobot robot, String lane, String name, TaskWork<Object> work) {
        AtomicReference<BackgroundTask> t = new AtomicReference<>();
        robot.interact(() -> t.set(tasks.lane(lane).submit(name, work, r -> { }, f -> { })));
        return t.get();
    }

    private static String label(FxRobot robot) {
        return robot.lookup("#taskStatusLabel").queryAs(Label.class).getText();
    }

    @Test
    void aRunningTaskShowsItsNameAndPercentWithAProgressBarAndIdleAfterwards(FxRobot robot) throws Exception {
        assertThat(label(robot)).isEqualTo(TaskTexts.IDLE);
        assertThat(robot.lookup("#taskStatusProgress").query().isVisible()).isFalse();
        submit(robot, "audit", "Export audit log to PDF", p -> {
            p.update(0.4, "Writing event 4 of 10");
            release.await();
            return null;
        });
        waitUntil(() -> label(robot).equals("1 task · Export audit log to PDF 40 %"));
        ProgressBar bar = robot.lookup("#taskStatusProgress").queryAs(ProgressBar.class);
        assertThat(bar.isVisible()).isTrue();
        assertThat(bar.getProgress()).isEqualTo(0.4);
        assertThat(item.getPseudoClassStates()).extracting(Object::toString).contains("active");

        release.countDown();
        waitUntil(() -> label(robot).equals(TaskTexts.IDLE));
        assertThat(bar.isVisible()).isFalse();
    }

    @Test
    void aFailedTaskIsFlaggedInTheStatusBarAndItsFailureReadsInWordsInTheList(FxRobot robot) throws Exception {
        BackgroundTask failed = submit(robot, "audit", "Export audit log to PDF", p -> {
            throw new IOException("disk full: /exports/audit.pdf");
        });
        waitUntil(() -> failed.state() == TaskState.FAILED);
        assertThat(label(robot)).isEqualTo("1 task failed · click for the list");
        assertThat(item.getPseudoClassStates()).extracting(Object::toString).contains("failed");

        robot.clickOn("#taskStatus");
        waitUntil(item::isListShowing);
        Label state = robot.lookup((Node n) -> n instanceof Label l && l.getStyleClass().contains("task-state")
                && l.getText() != null && !l.getText().isEmpty()).queryAs(Label.class);
        assertThat(state.getText()).isEqualTo("failed: disk full: /exports/audit.pdf");
        assertThat(robot.lookup(".task-name").queryAs(Label.class).getText()).isEqualTo("Export audit log to PDF");
        assertThat(robot.lookup(".task-lane").queryAs(Label.class).getText()).isEqualTo("audit");
        for (Node b : robot.lookup(".task-cancel-button").queryAll()) {
            assertThat(b.isVisible()).as("no Cancel for an ended task").isFalse();
        }
        // once looked at, the failure is no longer flagged
        robot.interact(item::hideList);
        assertThat(label(robot)).isEqualTo(TaskTexts.IDLE);
        assertThat(item.getPseudoClassStates()).extracting(Object::toString).doesNotContain("failed");
    }

    @Test
    void cancelInTheListStopsARunningTask(FxRobot robot) throws Exception {
        BackgroundTask verify = submit(robot, "audit", "Verify local audit chain", p -> {
            for (int i = 1; ; i++) {
                p.checkCancelled();
                p.update(-1, "Verifying event " + i);
                Thread.sleep(5);
            }
        });
        waitUntil(() -> verify.state() == TaskState.RUNNING);
        robot.clickOn("#taskStatus");
        waitUntil(item::isListShowing);
        Button cancel = robot.lookup(".task-cancel-button").queryButton();
        assertThat(cancel.isVisible()).isTrue();
        robot.clickOn(cancel);
        waitUntil(() -> verify.state() == TaskState.CANCELLED);
        waitUntil(() -> robot.lookup((Node n) -> n instanceof Label l && l.getStyleClass().contains("task-state")
                && "cancelled".equals(l.getText())).tryQuery().isPresent());
        assertThat(tasks.lane("audit").isBusy()).isFalse();
        waitUntil(() -> label(robot).equals(TaskTexts.IDLE));
    }
}
