package io.plantconsole.sync.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantconsole.app.shell.MainWindow;
import io.plantconsole.infra.json.JacksonJsonFields;
import io.plantconsole.sync.model.CentralRecord;
import io.plantconsole.sync.model.ConflictComparison;
import io.plantconsole.sync.model.ConflictResolution;
import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.sync.model.SyncConflict;
import io.plantconsole.sync.model.SyncStatus;
import io.plantconsole.sync.service.ConflictResolver;
import io.plantconsole.ui.task.BackgroundTask;
import io.plantconsole.ui.task.BackgroundTasks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Sync screen's conflicts table, comparison pane and resolution buttons, with a fake worker and resolver. */
@ExtendWith(ApplicationExtension.class)
class SyncConflictFxTest {
    private static final UUID RECORD = UUID.fromString("0192f0c8-1111-7000-8000-00000000abcd");
    private final Clock clock = Clock.systemDefaultZone();
    private final OutboxEntry entry = new OutboxEntry(1, UUID.randomUUID(), "note", RECORD, 2,
            "{\"text\":\"from B\",\"grade\":\"I\",\"moisture\":7.2}", clock.millis());
    private volatile List<SyncConflict> conflicts = List.of(new SyncConflict(entry, 2, clock.instant()));
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private SyncController controller;
    /** Tasks run at once on the FX thread that submits them: the dialogs' outcomes are visible when they close. */
    private final BackgroundTasks tasks = BackgroundTasks.synchronous();

    @Start
    void start(Stage stage) throws Exception {
        CentralRecord central = new CentralRecord("note", RECORD, 2,
                "{\"grade\": \"I\", \"text\": \"from A\", \"moisture\": 7.4}", "console-a", clock.instant());
        Resolver resolver = new Resolver() {
            @Override
            public ConflictComparison compare(SyncConflict c) {
                return new ConflictComparison(c, c.entry().payloadJson(), Optional.of(central),
                        ConflictResolver.diff(new JacksonJsonFields(), c.entry().payloadJson(), central.payloadJson()));
            }

            @Override
            public ConflictResolution takeCentral(SyncConflict c) {
                calls.add("takeCentral");
                conflicts = List.of();
                return new ConflictResolution(ConflictResolution.Action.TAKE_CENTRAL, "test", c.entry(), 2, 2, null,
                        Instant.now());
            }

            @Override
            public ConflictResolution reapply(SyncConflict c) {
                calls.add("reapply");
                throw new IllegalStateException("The central database is unreachable (connection refused)");
            }
        };
        SyncViewModel.Source source = new SyncViewModel.Source() {
            @Override
            public SyncStatus status() {
                return new SyncStatus(SyncStatus.State.CONNECTED, conflicts.size(), Duration.ofSeconds(5),
                        Instant.now(), null, conflicts.size(), 0);
            }

            @Override
            public List<SyncConflict> conflicts() {
                return conflicts;
            }

            @Override
            public void syncNow() {
            }
        };
        SyncViewModel vm = SyncViewModel.over(Optional.of(source),
                new ConflictsViewModel(Optional.of(resolver), tasks.lane("sync"), clock), clock);
        FXMLLoader loader = new FXMLLoader(SyncController.class.getResource("/fxml/sync/Sync.fxml"));
        loader.setControllerFactory(t -> new SyncController(vm));
        Parent root = loader.load();
        controller = loader.getController();
        Scene scene = new Scene(root, 1280, 760);
        scene.getStylesheets().addAll(MainWindow.stylesheetUrls());
        stage.setScene(scene);
        stage.show();
        controller.onShow();
    }

    /** With {@code SYNC_CONFLICT_PNG=<file>} in the environment, writes the screen with the conflict selected. */
    private static void screenshot(FxRobot robot, javafx.scene.Node any) {
        String file = System.getenv("SYNC_CONFLICT_PNG");
        if (file == null || file.isBlank()) {
            return;
        }
        robot.interact(() -> {
            try {
                io.plantconsole.ui.PngExport.write(any.getScene().snapshot(null), java.nio.file.Path.of(file));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void selectingAConflictShowsTheComparisonAndKeepingCentralAfterConfirmationResolvesIt(FxRobot robot) {
        Button keep = robot.lookup("#takeCentralButton").queryButton();
        Button reapply = robot.lookup("#reapplyButton").queryButton();
        assertThat(keep.isDisabled()).isTrue();
        assertThat(keep.getTooltip().getText()).isEqualTo(ConflictsViewModel.NO_SELECTION_TOOLTIP);
        TableView<SyncViewModel.ConflictRow> table = robot.lookup("#conflictsTable").queryTableView();
        assertThat(table.getItems()).singleElement().satisfies(r -> {
            assertThat(r.recordType()).isEqualTo("note");
            assertThat(r.centralOrigin()).isEqualTo("console-a");
        });

        robot.clickOn(RECORD.toString());
        WaitForAsyncUtils.waitForFxEvents();
        TableView<FieldRow> fields = robot.lookup("#fieldsTable").queryTableView();
        assertThat(fields.getItems()).extracting(FieldRow::key)
                .containsExactly("text", "grade", "moisture");
        assertThat(fields.getItems()).extracting(FieldRow::marker)
                .containsExactly(ConflictTexts.CHANGED_MARKER, ConflictTexts.SAME_MARKER,
                        ConflictTexts.CHANGED_MARKER);
        long changedRows = robot.lookup(".table-row-cell." + SyncController.CHANGED_FIELD).queryAll().stream()
                .filter(n -> ((TableRow<?>) n).getItem() != null).count();
        assertThat(changedRows).isEqualTo(2);
        assertThat(robot.lookup("#compareDetailLabel").queryAs(Label.class).getText())
                .contains("2 of 3 fields differ").contains("console-a");
        assertThat(keep.isDisabled()).isFalse();
        assertThat(reapply.isDisabled()).isFalse();
        screenshot(robot, table);

        // re-apply fails: the error is shown in words, the conflict stays
        robot.clickOn(reapply);
        robot.clickOn("Yes, re-apply my change");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(calls).containsExactly("reapply");
        assertThat(robot.lookup("#resolutionMessageLabel").queryAs(Label.class).getText())
                .contains("nothing was changed").contains("unreachable");
        assertThat(table.getItems()).hasSize(1);

        // keep central: cancel first, then confirm
        robot.clickOn(keep);
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(calls).containsExactly("reapply");
        robot.clickOn(keep);
        robot.clickOn("Yes, keep the centre's version");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(calls).containsExactly("reapply", "takeCentral");
        assertThat(table.getItems()).isEmpty();
        assertThat(fields.getItems()).isEmpty();
        assertThat(robot.lookup("#resolutionMessageLabel").queryAs(Label.class).getText())
                .startsWith("Kept the centre's version 2 of note");
        assertThat(keep.isDisabled()).isTrue();
        assertThat(tasks.recent()).extracting(BackgroundTask::name).contains(
                "Read who wrote 1 conflicting record at the centre", "Compare note " + RECORD + " with the centre",
                "Re-apply my change to note " + RECORD, "Keep the centre's version of note " + RECORD);
    }
}
