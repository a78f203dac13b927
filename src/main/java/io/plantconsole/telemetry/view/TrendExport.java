package io.plantconsole.telemetry.view;

import io.plantconsole.kernel.util.CsvExport;
import io.plantconsole.ui.task.BackgroundTask;
import io.plantconsole.ui.task.TaskFailure;
import io.plantconsole.ui.task.TaskLane;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Trends screen's exports: what is shown goes to a CSV or PNG file in the export folder, written as a named
 * background task ("Export trend to CSV") on the screen's task lane, and the outcome is told to the operator in
 * the screen's notice. One export at a time: {@link #busyProperty()} disables the buttons meanwhile.
 *
 * <p>Threads: call on the FX thread; the file is written on the lane's thread.
 */
public final class TrendExport {
    private static final Logger LOG = LoggerFactory.getLogger(TrendExport.class);

    /** Writes one export file (on the lane's thread). */
    @FunctionalInterface
    public interface FileWriter {
        void write(Path file) throws IOException;
    }

    private final TrendsViewModel vm;
    private final TaskLane lane;
    private final Path exportDir;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private int open;

    /**
     * @param vm        the screen: names the file, supplies the CSV table and shows the outcome
     * @param lane      where the file is written, for example the console's "exports" lane
     * @param exportDir where export files go
     */
    public TrendExport(TrendsViewModel vm, TaskLane lane, Path exportDir) {
        this.vm = Objects.requireNonNull(vm, "vm");
        this.lane = Objects.requireNonNull(lane, "lane");
        this.exportDir = Objects.requireNonNull(exportDir, "exportDir");
    }

    /** Whether an export of this screen is queued or being written. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Writes the shown data as CSV (the table is copied now, on the FX thread). */
    public BackgroundTask csv() {
        CsvExport.Table table = vm.csvTable();
        return export("CSV", "csv", file -> CsvExport.write(table, file));
    }

    /** Writes a picture as PNG; {@code writer} must hold everything it needs (a finished snapshot). */
    public BackgroundTask png(FileWriter writer) {
        return export("PNG", "png", writer);
    }

    private BackgroundTask export(String kind, String extension, FileWriter writer) {
        Path file = exportDir.resolve(vm.exportFileName(extension));
        opened(1);
        return lane.submit("Export trend to " + kind, progress -> {
            progress.update(-1, "Writing " + file.getFileName());
            writer.write(file);
            return file;
        }, written -> {
            opened(-1);
            LOG.info("Trends {} export written to {}", kind, written.toAbsolutePath());
            vm.notifyUser(kind + " saved to " + written.toAbsolutePath());
        }, (TaskFailure failure) -> {
            opened(-1);
            LOG.warn("Trends {} export to {} failed: {}", kind, file, failure.words(), failure.cause());
            vm.notifyFailure(kind + " export failed: " + failure.words());
        });
    }

    private void opened(int delta) {
        open += delta;
        busy.set(open > 0);
    }
}
