package io.plantconsole.infra.mqtt.sparkplug;

/**
 * Asks a Sparkplug edge node to publish its births again (NCMD {@code Node Control/Rebirth}). Called on the
 * {@code telemetry} thread: must not block.
 */
@FunctionalInterface
public interface RebirthRequester {

    void requestRebirth(String group, String edgeNode);
}
