package io.plantconsole.bench;

import io.plantconsole.telemetry.model.ChannelCatalogue;
import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.model.ChannelSource;
import io.plantconsole.telemetry.model.SourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's channel catalogue, built in code: {@code n} JSON channels {@code plant/bench/ch-NN}. */
final class BenchCatalogue {
    static final String AREA = "Bench";
    static final String TOPIC_FILTER = "plant/bench/#";
    static final String TOPIC_PREFIX = "plant/";

    private BenchCatalogue() {
    }

    static String topic(int i) {
        return String.format(Locale.ROOT, "plant/bench/ch-%02d", i);
    }

    static String id(int i) {
        return String.format(Locale.ROOT, "bench.ch-%02d", i);
    }

    /**
     * @param rateHz      nominal rate of every channel (sizes the hub's native ring)
     * @param normalLow   lower limit of the alarm hook's check
     * @param normalHigh  upper limit of the alarm hook's check
     */
    static ChannelCatalogue json(int n, double rateHz, double normalLow, double normalHigh) {
        List<ChannelDef> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new ChannelDef(id(i), String.format(Locale.ROOT, "Bench channel %02d", i), AREA, "Bench rig",
                    "°C", -1e12, 1e12, normalLow, normalHigh, rateHz,
                    new ChannelSource(SourceKind.JSON, topic(i), "")));
        }
        return new ChannelCatalogue(list);
    }
}
