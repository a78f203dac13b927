package io.plantconsole.infra.mqtt.sparkplug;

import io.plantconsole.testing.MosquittoBroker;
import java.nio.file.Path;

/** {@link SparkplugEndToEndIT}'s scenarios against Debian's mosquitto, the kind of broker a plant runs. */
class SparkplugEndToEndMosquittoIT extends SparkplugEndToEndIT {

    @Override
    RunningBroker startBroker(Path dir) {
        MosquittoBroker.assumeInstalled();
        MosquittoBroker broker = MosquittoBroker.start(dir.resolve("mosquitto"));
        return new RunningBroker() {
            @Override
            public String uri() {
                return broker.uri();
            }

            @Override
            public void restart() {
                broker.restart();
            }

            @Override
            public void close() {
                broker.close();
            }
        };
    }
}
