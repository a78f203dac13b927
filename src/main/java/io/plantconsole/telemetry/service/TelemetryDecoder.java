package io.plantconsole.telemetry.service;

/** Port: turns one wire message into samples. Implemented in {@code infra}; runs on the telemetry thread. */
public interface TelemetryDecoder {

    /** Whether this decoder owns messages on that topic. */
    boolean handles(String topic);

    /** Decodes one message. Must never throw for bad input: it reports it to {@link TelemetrySink#reject}. */
    void decode(IncomingMessage message, TelemetrySink sink);
}
