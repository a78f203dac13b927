package io.plantconsole.telemetry.model;

/** The wire layout a channel arrives in. */
public enum SourceKind {
    /** One JSON document per message on a plain topic, see README "Topic layout". */
    JSON,
    /** Sparkplug B 3.0 (spBv1.0 namespace) metric of an edge node or device. */
    SPARKPLUG
}
