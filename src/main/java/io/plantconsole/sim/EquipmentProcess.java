package io.plantconsole.sim;

import static io.plantconsole.sim.SimRandom.between;

/**
 * The process one piece of equipment (or one continuous line) runs, as pure functions of simulated time in seconds
 * since the simulation started. Batch parameters are seeded draws per batch number, so any instant can be evaluated
 * on its own and every channel of the equipment sees the same batch.
 */
sealed interface EquipmentProcess {
    double HOUR = 3600;
    double DAY = 24 * HOUR;
    /** Simulated time of day when the simulation starts. */
    double START_TIME_OF_DAY = 9 * HOUR;

    /** Load of the equipment's main drive, 0 (idle) to 1 (full). */
    double load(double t);

    /** Time-of-day swing: 1 at 14:00 simulated time, -1 at 02:00. */
    static double diurnal(double t) {
        return Math.cos(2 * Math.PI * (START_TIME_OF_DAY + t - 14 * HOUR) / DAY);
    }

    /**
     * A batch drum roaster for cocoa, one batch every 15 simulated minutes: charge of cold beans into the preheated
     * drum (the bean probe falls from about 118 °C to the turning point near 65 °C in 90 s), a ramp whose rate of rise
     * eases over about 11 min, drop at 128–140 °C (cocoa is roasted far cooler than coffee), then the empty drum
     * settles back to the charge temperature until the next charge.
     */
    final class Roaster implements EquipmentProcess {
        static final double CYCLE = 15 * 60;
        static final double TURN = 90;
        private static final double CHARGE_DECAY = 22;
        private static final double EMPTY_DECAY = 40;

        private final long seed;
        private final String name;
        private final double offset;

        private record Batch(double charge, double turning, double drop, double ramp) {
        }

        Roaster(long seed, String name) {
            this.seed = seed;
            this.name = name;
            this.offset = between(seed, name + "/phase", 0, 0, CYCLE);
        }

        private Batch batch(long k) {
            return new Batch(between(seed, name + "/charge", k, 115, 122),
                    between(seed, name + "/turning", k, 60, 70),
                    between(seed, name + "/drop", k, 128, 140),
                    between(seed, name + "/ramp", k, 630, 690));
        }

        /** Seconds since the current batch's charge. */
        private double sinceCharge(double t) {
            double u = t + offset;
            return u - Math.floor(u / CYCLE) * CYCLE;
        }

        private Batch batchAt(double t) {
            return batch((long) Math.floor((t + offset) / CYCLE));
        }

        double beanTemp(double t) {
            double tau = sinceCharge(t);
            Batch b = batchAt(t);
            if (tau < TURN) {
                return b.turning + (b.charge - b.turning) * Math.exp(-tau / CHARGE_DECAY);
            }
            double start = b.turning + (b.charge - b.turning) * Math.exp(-TURN / CHARGE_DECAY);
            double x = tau - TURN;
            if (x < b.ramp) {
                // rate of rise halves over the ramp: (1 - 2^(-x/D)) / (1 - 2^-1)
                return start + (b.drop - start) * 2 * (1 - Math.pow(0.5, x / b.ramp));
            }
            return b.charge + (b.drop - b.charge) * Math.exp(-(x - b.ramp) / EMPTY_DECAY);
        }

        /** Burner output in %: raised from idle to 85 % over 45 s after the charge, eased back along the ramp. */
        double burner(double t) {
            double tau = sinceCharge(t);
            Batch b = batchAt(t);
            if (tau < TURN) {
                return 45 + 40 * Math.min(1, tau / 45);
            }
            double x = tau - TURN;
            return x < b.ramp ? 85 - 30 * x / b.ramp : 45;
        }

        double airTemp(double t) {
            return 110 + 1.2 * burner(t);
        }

        double exhaustTemp(double t) {
            return 0.55 * airTemp(t) + 0.45 * beanTemp(t);
        }

        /** Full while beans are in the drum, light while it turns empty. */
        @Override
        public double load(double t) {
            return sinceCharge(t) < TURN + batchAt(t).ramp ? 1 : 0;
        }
    }

    /**
     * A batch dryer: bean moisture falls exponentially from 52–58 % to 6.6–7.4 %, then the next batch is loaded.
     * A mechanical dryer takes about 16 simulated hours; a sun dryer about six days and dries mostly around midday.
     */
    final class Dryer implements EquipmentProcess {
        private static final double MECHANICAL_BATCH = 16 * HOUR;
        private static final double SUN_BATCH = 6 * DAY;

        private final long seed;
        private final String name;
        private final boolean sun;
        private final double batchLength;
        private final double equilibrium;
        private final double offset;

        Dryer(long seed, String name, boolean sun) {
            this.seed = seed;
            this.name = name;
            this.sun = sun;
            this.batchLength = sun ? SUN_BATCH : MECHANICAL_BATCH;
            this.equilibrium = sun ? 6 : 5;
            this.offset = between(seed, name + "/phase", 0, 0, batchLength);
        }

        private long batchNumber(double t) {
            return (long) Math.floor((t + offset) / batchLength);
        }

        /** Moisture at loading of the batch running at {@code t}, in %. */
        double initialMoisture(double t) {
            return between(seed, name + "/initial", batchNumber(t), 52, 58);
        }

        double moisture(double t) {
            long k = batchNumber(t);
            double tau = t + offset - k * batchLength;
            double initial = initialMoisture(t);
            double end = between(seed, name + "/end", k, 6.6, 7.4);
            double timeConstant = batchLength / Math.log((initial - equilibrium) / (end - equilibrium));
            double dryingTime = tau;
            if (sun) {
                // drying rate 1 + cos(time of day - 13:00): most at midday, none at night; mean rate 1
                dryingTime += DAY / (2 * Math.PI) * (Math.sin(dayAngle(t)) - Math.sin(dayAngle(t - tau)));
            }
            return equilibrium + (initial - equilibrium) * Math.exp(-dryingTime / timeConstant);
        }

        private static double dayAngle(double t) {
            return 2 * Math.PI * (START_TIME_OF_DAY + t - 13 * HOUR) / DAY;
        }

        @Override
        public double load(double t) {
            return sun ? 0 : 0.8;
        }
    }

    /**
     * A fermentation box, six simulated days per batch: the mass heats from about 27 °C towards 46–50 °C, each
     * turning (at 48 h and 96 h) drops it by a few degrees for some hours, and it cools in the last two days; the
     * bean pH falls from 6.4 to about 5.
     */
    final class Fermenter implements EquipmentProcess {
        private static final double BATCH = 6 * DAY;
        private static final double START_TEMP = 27;

        private final long seed;
        private final String name;
        private final double offset;

        Fermenter(long seed, String name) {
            this.seed = seed;
            this.name = name;
            this.offset = between(seed, name + "/phase", 0, 0, BATCH);
        }

        private long batchNumber(double t) {
            return (long) Math.floor((t + offset) / BATCH);
        }

        private double hoursIn(double t) {
            return (t + offset - batchNumber(t) * BATCH) / HOUR;
        }

        double massTemp(double t) {
            long k = batchNumber(t);
            double h = hoursIn(t);
            double peak = between(seed, name + "/peak", k, 46, 50);
            double temp = START_TEMP + (peak - START_TEMP) * (1 - Math.exp(-h / 20));
            if (h > 96) {
                temp -= 0.15 * (h - 96);
            }
            if (h > 48) {
                temp -= between(seed, name + "/turn1", k, 5, 8) * Math.exp(-(h - 48) / 5);
            }
            if (h > 96) {
                temp -= between(seed, name + "/turn2", k, 4, 7) * Math.exp(-(h - 96) / 5);
            }
            return temp;
        }

        double ph(double t) {
            double end = between(seed, name + "/ph", batchNumber(t), 4.9, 5.3);
            return end + (6.4 - end) * Math.exp(-hoursIn(t) / 40);
        }

        @Override
        public double load(double t) {
            return 0;
        }
    }

    /** A continuous line (winnowing, grinding, utilities): its load wanders between about 66 and 90 %. */
    final class Line implements EquipmentProcess {
        private final SimRandom.Wander wander;

        Line(long seed, String name) {
            this.wander = SimRandom.Wander.of(seed, name + "/load", 20 * 60);
        }

        @Override
        public double load(double t) {
            return 0.78 + 0.12 * wander.at(t);
        }
    }

    /** A load/unload air compressor: 40 s loaded (pressure rises, full current), 80 s unloaded (it falls). */
    final class Compressor implements EquipmentProcess {
        private static final double LOADED = 40;
        private static final double UNLOADED = 80;

        private final double offset;

        Compressor(long seed, String name) {
            this.offset = between(seed, name + "/phase", 0, 0, LOADED + UNLOADED);
        }

        private double inCycle(double t) {
            double u = t + offset;
            return u - Math.floor(u / (LOADED + UNLOADED)) * (LOADED + UNLOADED);
        }

        /** Where the pressure is between its cut-in (0) and cut-out (1) points. */
        double pressureFraction(double t) {
            double x = inCycle(t);
            return x < LOADED ? x / LOADED : 1 - (x - LOADED) / UNLOADED;
        }

        @Override
        public double load(double t) {
            return inCycle(t) < LOADED ? 1 : 0.25;
        }
    }
}
