package io.plantconsole.sim;

import java.util.function.DoubleUnaryOperator;

/**
 * One channel's behaviour: its noise-free value as a pure function of simulated time (seconds since the simulation
 * started) and the standard deviation of its Gaussian sensor noise, in engineering units.
 */
record SignalModel(SignalKind kind, DoubleUnaryOperator curve, double noiseSd) {

    double valueAt(double simSeconds) {
        return curve.applyAsDouble(simSeconds);
    }
}
