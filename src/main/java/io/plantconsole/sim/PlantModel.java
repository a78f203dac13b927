package io.plantconsole.sim;

import static io.plantconsole.sim.SimRandom.between;
import static io.plantconsole.sim.SimRandom.unit;

import io.plantconsole.sim.EquipmentProcess.Compressor;
import io.plantconsole.sim.EquipmentProcess.Dryer;
import io.plantconsole.sim.EquipmentProcess.Fermenter;
import io.plantconsole.sim.EquipmentProcess.Line;
import io.plantconsole.sim.EquipmentProcess.Roaster;
import io.plantconsole.sim.SimRandom.Wander;
import io.plantconsole.telemetry.model.ChannelDef;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Gives every catalogue channel a {@link SignalModel}. The equipment process comes from the channel's area (roasting,
 * drying, fermentation, a compressor, otherwise a continuous line shared by the whole area) and the signal kind from
 * the last part of its id ({@code bean_temp}, {@code moisture}, {@code vibration}, {@code motor_current}…); anything
 * unrecognised holds a set point in the middle of its normal band. Band-relative signals (currents, vibration,
 * bearing temperatures, set points) fit any catalogue; roast, drying and fermentation temperatures are physical.
 */
final class PlantModel {
    private final long seed;
    private final Map<String, EquipmentProcess> processes = new HashMap<>();

    PlantModel(long seed) {
        this.seed = seed;
    }

    SignalModel signal(ChannelDef c) {
        EquipmentProcess process = processFor(c);
        SignalKind kind = kindOf(c, process);
        Band band = new Band(c);
        Wander wander = Wander.of(seed, c.id(), kind == SignalKind.STEADY ? 10 * 60 : 30 * 60);
        return new SignalModel(kind, curve(kind, c, band, process, wander), noise(kind) * band.span);
    }

    private EquipmentProcess processFor(ChannelDef c) {
        String area = c.area().toLowerCase(Locale.ROOT);
        String equipment = c.equipment().toLowerCase(Locale.ROOT);
        String key = area + "/" + equipment;
        if (area.contains("roast")) {
            return processes.computeIfAbsent(key, k -> new Roaster(seed, k));
        }
        if (area.contains("dry")) {
            return processes.computeIfAbsent(key, k -> new Dryer(seed, k, equipment.contains("sun")));
        }
        if (area.contains("ferment")) {
            return processes.computeIfAbsent(key, k -> new Fermenter(seed, k));
        }
        if (equipment.contains("compressor")) {
            return processes.computeIfAbsent(key, k -> new Compressor(seed, k));
        }
        return processes.computeIfAbsent(area, k -> new Line(seed, k));
    }

    static SignalKind kindOf(ChannelDef c, EquipmentProcess process) {
        String id = c.id().toLowerCase(Locale.ROOT);
        String signal = id.substring(id.lastIndexOf('.') + 1);
        if (signal.contains("vibration")) {
            return SignalKind.VIBRATION;
        }
        if (signal.contains("bearing")) {
            return SignalKind.BEARING_TEMP;
        }
        if (signal.endsWith("current")) {
            return SignalKind.MOTOR_CURRENT;
        }
        if (signal.contains("ambient")) {
            return SignalKind.AMBIENT_TEMP;
        }
        if (signal.contains("humidity")) {
            return SignalKind.HUMIDITY;
        }
        if (process instanceof Roaster) {
            if (signal.contains("bean")) {
                return SignalKind.ROAST_BEAN_TEMP;
            }
            if (signal.contains("exhaust")) {
                return SignalKind.ROAST_EXHAUST_TEMP;
            }
            if (signal.contains("air") || signal.contains("inlet")) {
                return SignalKind.ROAST_AIR_TEMP;
            }
            if (signal.contains("burner")) {
                return SignalKind.BURNER;
            }
        } else if (process instanceof Dryer) {
            if (signal.contains("moisture")) {
                return SignalKind.MOISTURE;
            }
            if (signal.contains("weight")) {
                return SignalKind.BATCH_WEIGHT;
            }
        } else if (process instanceof Fermenter) {
            if (signal.contains("temp")) {
                return SignalKind.MASS_TEMP;
            }
            if (signal.equals("ph") || signal.endsWith("_ph")) {
                return SignalKind.PH;
            }
        } else if (process instanceof Compressor && signal.contains("pressure")) {
            return SignalKind.PRESSURE;
        }
        if (signal.contains("throughput") || signal.contains("feed_rate") || signal.contains("power")) {
            return SignalKind.THROUGHPUT;
        }
        return SignalKind.STEADY;
    }

    private DoubleUnaryOperator curve(SignalKind kind, ChannelDef c, Band b, EquipmentProcess p, Wander w) {
        return switch (kind) {
            case ROAST_BEAN_TEMP -> ((Roaster) p)::beanTemp;
            case ROAST_AIR_TEMP -> ((Roaster) p)::airTemp;
            case ROAST_EXHAUST_TEMP -> ((Roaster) p)::exhaustTemp;
            case BURNER -> ((Roaster) p)::burner;
            case MOISTURE -> ((Dryer) p)::moisture;
            case BATCH_WEIGHT -> batchWeight((Dryer) p, b);
            case MASS_TEMP -> ((Fermenter) p)::massTemp;
            case PH -> ((Fermenter) p)::ph;
            case PRESSURE -> {
                Compressor compressor = (Compressor) p;
                double cutIn = b.low + 0.2 * b.span;
                double cutOut = b.high - 0.2 * b.span;
                yield t -> cutIn + (cutOut - cutIn) * compressor.pressureFraction(t);
            }
            case MOTOR_CURRENT -> t -> b.low + (0.15 + 0.75 * p.load(t) + 0.03 * w.at(t)) * b.span;
            case VIBRATION -> vibration(c.id(), b, p);
            case BEARING_TEMP -> t -> b.low + (0.5 + 0.08 * w.at(t)) * b.span;
            case THROUGHPUT -> t -> b.low + (p.load(t) + 0.02 * w.at(t)) * b.span;
            case AMBIENT_TEMP -> t -> b.mid + 0.25 * b.span * EquipmentProcess.diurnal(t) + 0.05 * b.span * w.at(t);
            case HUMIDITY -> t -> b.mid - 0.25 * b.span * EquipmentProcess.diurnal(t) + 0.05 * b.span * w.at(t);
            case STEADY -> t -> b.mid + 0.15 * b.span * w.at(t);
        };
    }

    /** Wet batch weight: the dry mass of the batch stays, the water leaves. */
    private static DoubleUnaryOperator batchWeight(Dryer dryer, Band b) {
        double loaded = 0.9 * b.high;
        return t -> loaded * (1 - dryer.initialMoisture(t) / 100) / (1 - dryer.moisture(t) / 100);
    }

    /**
     * Bearing wear: the RMS climbs from 30 % to 85 % of the normal band's top over 80–200 simulated hours, then the
     * bearing is replaced; on top, about one short burst every three simulated minutes; a little higher under load.
     */
    private DoubleUnaryOperator vibration(String id, Band b, EquipmentProcess p) {
        String name = id + "/wear";
        double wearPeriod = between(seed, name, 0, 80, 200) * EquipmentProcess.HOUR;
        double wearOffset = between(seed, name, 1, 0, wearPeriod);
        double top = b.high;
        return t -> {
            double u = (t + wearOffset) / wearPeriod;
            double wear = top * (0.3 + 0.55 * (u - Math.floor(u)));
            return (wear + bursts(id, top, t)) * (0.85 + 0.15 * p.load(t));
        };
    }

    private static final double BURST_SLOT = 90;
    private static final double BURST_DECAY = 3;

    private double bursts(String id, double top, double t) {
        long slot = (long) Math.floor(t / BURST_SLOT);
        double sum = 0;
        for (long s = slot - 1; s <= slot; s++) {
            String name = id + "/burst";
            if (unit(seed, name, 3 * s) < 0.5) {
                double at = (s + unit(seed, name, 3 * s + 1)) * BURST_SLOT;
                if (t >= at) {
                    sum += top * between(seed, name, 3 * s + 2, 0.05, 0.25) * Math.exp(-(t - at) / BURST_DECAY);
                }
            }
        }
        return sum;
    }

    /** Sensor noise as a fraction of the normal band's width. */
    private static double noise(SignalKind kind) {
        return switch (kind) {
            case ROAST_BEAN_TEMP -> 0.0012;
            case ROAST_AIR_TEMP, ROAST_EXHAUST_TEMP, BEARING_TEMP -> 0.003;
            case BURNER, PH, MASS_TEMP -> 0.004;
            case MOISTURE -> 0.002;
            case BATCH_WEIGHT -> 0.001;
            case PRESSURE -> 0.005;
            case THROUGHPUT -> 0.008;
            case VIBRATION -> 0.015;
            case MOTOR_CURRENT, AMBIENT_TEMP, HUMIDITY, STEADY -> 0.01;
        };
    }

    /** A channel's normal band, never of zero width. */
    static final class Band {
        final double low;
        final double high;
        final double span;
        final double mid;

        Band(ChannelDef c) {
            double minSpan = 1e-3 * (c.rangeHigh() - c.rangeLow());
            this.low = c.normalLow();
            this.high = Math.max(c.normalHigh(), c.normalLow() + minSpan);
            this.span = high - low;
            this.mid = (low + high) / 2;
        }
    }
}
