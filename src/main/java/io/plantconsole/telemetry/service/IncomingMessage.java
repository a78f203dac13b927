package io.plantconsole.telemetry.service;

/**
 * One MQTT message as copied off the client thread: nothing is decoded yet.
 *
 * @param arrivalMillis wall-clock arrival time (UTC epoch milliseconds, from the injected clock)
 * @param arrivalNanos  monotonic arrival time, for latency measurement
 */
public record IncomingMessage(String topic, byte[] payload, boolean retained, long arrivalMillis, long arrivalNanos) {
}
