package io.plantconsole.sim;

/**
 * Instrument and machine faults the simulator can inject into a channel for a while, see
 * {@link PlantSimulator#inject}. A value a fault pushes past the instrument range saturates at the range limit and
 * is flagged bad, as a transmitter signals a failure; otherwise samples stay good.
 */
public enum FaultKind {
    /** A short large excursion outside the normal band, held for the fault's duration (keep it short). */
    SPIKE,
    /** An offset that grows linearly from zero to a quarter of the instrument range over the fault's duration. */
    DRIFT,
    /** The value freezes at its last reading; samples keep coming with fresh timestamps. */
    FLAT_LINE,
    /** The value and its timestamp freeze: samples keep coming, all carrying the old timestamp. */
    STALE,
    /** Nothing is published for the channel. */
    DROPOUT,
    /**
     * A failing bearing on the channel's equipment: its vibration RMS rises far above the alarm limit with
     * once- and twice-per-revolution bursts, its bearing temperature climbs and its motor current rises a little.
     */
    BEARING_FAULT
}
