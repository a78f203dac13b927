package io.plantconsole.sim;

import java.util.List;

/**
 * Port: puts simulated readings on the wire (JSON topics or Sparkplug B, implemented in {@code infra/mqtt}).
 * Called on the {@code plant-sim} thread with every sample of one tick; must not block for long.
 */
public interface PlantPublisher extends AutoCloseable {

    void publish(List<SimSample> samples);

    @Override
    void close();
}
