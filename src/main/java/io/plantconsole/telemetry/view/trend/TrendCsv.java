package io.plantconsole.telemetry.view.trend;

import io.plantconsole.kernel.util.CsvExport;
import io.plantconsole.telemetry.model.Quality;
import io.plantconsole.telemetry.service.SeriesBuffer;
import io.plantconsole.telemetry.view.TelemetryFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a trend shows, as a CSV table. */
public final class TrendCsv {
    /** The header row. */
    public static final List<String> HEADER = List.of("time", "epoch_s", "pen", "channel_id", "value", "unit",
            "quality");

    private TrendCsv() {
    }

    /**
     * One row per finite point of every pen (gaps are left out), in local ISO time with offset and in epoch seconds.
     * FX thread (reads the pens' buffers); the table is a copy that any thread may write out.
     */
    public static CsvExport.Table of(List<TrendPen> pens, TelemetryFormat format) {
        List<List<String>> rows = new ArrayList<>();
        for (TrendPen p : pens) {
            SeriesBuffer b = p.buffer();
            double[] x = b.x();
            double[] y = b.y();
            byte[] q = b.quality();
            for (int i = 0; i < b.size(); i++) {
                if (Double.isNaN(y[i])) {
                    continue;
                }
                rows.add(List.of(format.isoTime(x[i]), String.format(Locale.ROOT, "%.3f", x[i]),
                        p.channel().name(), p.id(), Double.toString(y[i]), p.channel().unit(),
                        Quality.ofCode(q[i]).name()));
            }
        }
        return new CsvExport.Table(HEADER, rows);
    }
}
