package io.plantconsole.telemetry.model;

/** Why an incoming message or sample was not accepted. Each cause is counted separately. */
public enum BadCause {
    INVALID_JSON("invalid JSON"),
    /** Well-formed, but a number, a string or the nesting is beyond what the decoder accepts (the detail names it). */
    PARSER_LIMIT("over a parser limit"),
    WRONG_TYPE("wrong type"),
    NOT_FINITE("NaN or infinite value"),
    OVERSIZED("oversized payload"),
    UNKNOWN_CHANNEL("unknown channel"),
    FUTURE_TIMESTAMP("timestamp in the future"),
    OUT_OF_ORDER("out of order"),
    DUPLICATE("duplicate sample"),
    RETAINED_STALE("stale retained message"),
    MALFORMED_PROTOBUF("malformed Sparkplug payload"),
    UNKNOWN_ALIAS("unknown Sparkplug alias"),
    SEQUENCE_GAP("sequence gap"),
    /** A decoder threw (a console defect, never the input's fault alone): the message is lost and counted. */
    DECODER_ERROR("decoder error"),
    QUEUE_FULL("ingest queue full (dropped)");

    private final String label;

    BadCause(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * Whether input of this cause on a channel's topic counts in that channel's rejected counter: everything that
     * arrived and was refused. Not a full queue (the console's doing, not the sensor's) and not a sequence gap
     * (messages that never arrived).
     */
    public boolean countsAgainstChannel() {
        return this != QUEUE_FULL && this != SEQUENCE_GAP && this != UNKNOWN_CHANNEL;
    }
}
