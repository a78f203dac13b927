package io.plantconsole.telemetry.model;

/** Data quality of one sample or of a channel's latest value. */
public enum Quality {
    GOOD,
    /** No fresh data: the source went silent, died (Sparkplug death) or lost sequence. */
    STALE,
    /** The source itself flagged the value as bad. */
    BAD;

    public byte code() {
        return (byte) ordinal();
    }

    public static Quality ofCode(byte code) {
        return values()[code];
    }
}
