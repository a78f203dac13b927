package io.plantconsole.sim;

import java.util.List;

/** Hands every tick to several publishers; each one picks the channels of its own wire layout. */
public final class CompositePublisher implements PlantPublisher {
    private final List<PlantPublisher> publishers;

    public CompositePublisher(List<PlantPublisher> publishers) {
        this.publishers = List.copyOf(publishers);
    }

    @Override
    public void publish(List<SimSample> samples) {
        for (PlantPublisher p : publishers) {
            p.publish(samples);
        }
    }

    @Override
    public void close() {
        for (PlantPublisher p : publishers) {
            p.close();
        }
    }
}
