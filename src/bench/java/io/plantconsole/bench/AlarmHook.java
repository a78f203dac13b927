package io.plantconsole.bench;

import io.plantconsole.telemetry.model.ChannelCatalogue;
import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.model.Quality;
import io.plantconsole.telemetry.service.SampleListener;
import java.util.HashMap;
import java.util.Map;

/**
 * Stand-in for the alarm evaluator ("alarm-ready evaluation hook"): a trivial limit check of every accepted
 * sample against the channel's normal band. Telemetry thread only; read the counters after the pipeline is closed.
 */
final class AlarmHook implements SampleListener {
    private final Map<String, double[]> limits = new HashMap<>();
    private long evaluated;
    private long outOfBand;

    AlarmHook(ChannelCatalogue catalogue) {
        for (ChannelDef c : catalogue.channels()) {
            limits.put(c.id(), new double[] {c.normalLow(), c.normalHigh()});
        }
    }

    @Override
    public void onSample(String channelId, long timestampMillis, double value, Quality quality, long arrivalNanos) {
        double[] l = limits.get(channelId);
        evaluated++;
        if (l != null && (value < l[0] || value > l[1] || quality != Quality.GOOD)) {
            outOfBand++;
        }
    }

    long evaluated() {
        return evaluated;
    }

    long outOfBand() {
        return outOfBand;
    }
}
