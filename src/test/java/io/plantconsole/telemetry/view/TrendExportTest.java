package io.plantconsole.telemetry.view;

import static io.plantconsole.telemetry.view.TelemetryFixture.BEAN_TEMP;
import static org.assertj.core.api.Assertions.assertThat;

import io.plantconsole.ui.task.BackgroundTask;
import io.plantconsole.ui.task.BackgroundTasks;
import io.plantconsole.ui.task.TaskState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trend exports run as named tasks on the exports lane and tell the operator how they ended. */
class TrendExportTest {
    private static final long T0 = 1_714_566_000_000L;
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    @TempDir
    Path exportDir;
    private TestClock clock;
    private TelemetryFixture plant;
    private TrendsViewModel vm;
    private BackgroundTasks tasks;
    private TrendExport export;

    @BeforeEach
    void setUp() {
        clock = new TestClock(T0, ZONE);
        plant = new TelemetryFixture(clock);
        vm = new TrendsViewModel(plant.hub, new TelemetryFormat(ZONE));
        // one old sample, so the 10-minute window is answered from the native ring (see TrendsViewModelTest)
        plant.hub.accept(BEAN_TEMP, T0 - 7_200_000, 110, io.plantconsole.telemetry.model.Quality.GOOD, 0);
        tasks = BackgroundTasks.synchronous();
        export = new TrendExport(vm, tasks.lane("exports"), exportDir);
    }

    @AfterEach
    void tearDown() {
        tasks.close();
        plant.close();
    }

    @Test
    void csvIsWrittenByANamedTaskOnTheExportsLaneAndTheOperatorIsTold() throws Exception {
        plant.accept(BEAN_TEMP, 121.5);
        clock.advance(100);
        vm.chart().refresh(1000);

        BackgroundTask task = export.csv();

        Path file = exportDir.resolve("trends-20240501-142000.csv");
        assertThat(task.name()).isEqualTo("Export trend to CSV");
        assertThat(task.lane()).isEqualTo("exports");
        assertThat(task.state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(tasks.recent()).containsExactly(task);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("time,epoch_s,pen,channel_id,value,unit,quality");
        assertThat(lines).hasSize(2);
        assertThat(vm.messageProperty().get()).isEqualTo("CSV saved to " + file.toAbsolutePath());
        assertThat(vm.messageIsErrorProperty().get()).isFalse();
        assertThat(export.busyProperty().get()).isFalse();
    }

    @Test
    void aFailedWriteIsToldInWordsAsAnErrorAndTheButtonsComeBack() {
        BackgroundTask task = export.png(file -> {
            throw new IOException("No space left on device");
        });

        assertThat(task.name()).isEqualTo("Export trend to PNG");
        assertThat(task.state()).isEqualTo(TaskState.FAILED);
        assertThat(vm.messageProperty().get()).isEqualTo("PNG export failed: No space left on device");
        assertThat(vm.messageIsErrorProperty().get()).isTrue();
        assertThat(export.busyProperty().get()).isFalse();
    }

    @Test
    void theExportIsBusyWhileItsTaskRuns() {
        boolean[] busyWhileWriting = new boolean[1];
        export.png(file -> busyWhileWriting[0] = export.busyProperty().get());

        assertThat(busyWhileWriting[0]).isTrue();
        assertThat(export.busyProperty().get()).isFalse();
        assertThat(vm.messageProperty().get()).startsWith("PNG saved to ");
    }
}
