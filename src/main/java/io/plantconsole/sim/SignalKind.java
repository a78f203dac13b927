package io.plantconsole.sim;

/** What a simulated channel measures, which decides its dynamics and how a bearing fault touches it. */
enum SignalKind {
    ROAST_BEAN_TEMP,
    ROAST_AIR_TEMP,
    ROAST_EXHAUST_TEMP,
    BURNER,
    MOISTURE,
    BATCH_WEIGHT,
    MASS_TEMP,
    PH,
    PRESSURE,
    MOTOR_CURRENT,
    VIBRATION,
    BEARING_TEMP,
    THROUGHPUT,
    AMBIENT_TEMP,
    HUMIDITY,
    /** Anything else: a set point with slow wander inside the normal band. */
    STEADY
}
