package io.plantconsole.sim;

import io.plantconsole.telemetry.model.ChannelCatalogue;
import io.plantconsole.telemetry.model.ChannelDef;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo plant: produces every catalogue channel's samples at its rate (or {@link SimSettings#rateHzOverride}),
 * with believable process dynamics, Gaussian sensor noise and injectable faults, and hands them to a
 * {@link PlantPublisher}.
 *
 * <p>Sample {@code n} of a channel carries the timestamp {@code start + round(n * 1000 / rate)} (wall clock, UTC
 * epoch ms), so timestamps strictly increase per channel and do not depend on when the generating thread runs. The
 * process behind the values runs on simulated time, {@link SimSettings#timeScale} times faster than the wall clock.
 * Every random draw comes from the seed (one generator per channel), so the same settings and the same calls give
 * the same samples, however {@link #advanceTo} calls are spaced.
 *
 * <p>{@link #start()} runs a daemon thread {@code plant-sim} that calls {@link #advanceTo} with the clock's time every
 * 50–100 ms (the shortest sample period, within those bounds) and publishes each tick's samples in one
 * {@link PlantPublisher#publish} call; after a stall it catches up with every due sample, up to
 * {@value #MAX_CATCH_UP_MILLIS} ms of them. Tests call {@link #advanceTo} directly instead. All public methods are
 * thread-safe; the fault methods may be called from any thread, the FX thread included (they never block for long).
 */
public final class PlantSimulator implements AutoCloseable {
    /** After a longer stall the samples in between are skipped rather than published in one burst. */
    public static final long MAX_CATCH_UP_MILLIS = 5_000;
    static final long MIN_TICK_MILLIS = 50;
    static final long MAX_TICK_MILLIS = 100;
    /** How far a drift fault has moved the value at its end, as a fraction of the instrument range. */
    static final double DRIFT_FRACTION = 0.25;

    private static final Logger LOG = LoggerFactory.getLogger(PlantSimulator.class);

    private final PlantPublisher publisher;
    private final SimSettings settings;
    private final Clock clock;
    private final long startMillis;
    private final List<ChannelState> channels = new ArrayList<>();
    private final Map<String, ChannelState> byId = new LinkedHashMap<>();
    private final long tickMillis;

    private long position;
    private long skippedMillis;
    private long publishFailures;
    private Thread thread;
    private volatile boolean running;
    private boolean closed;

    /**
     * @param catalogue the channels to simulate (any catalogue: unknown signals hold a set point in their normal band)
     * @param publisher receives every tick's samples on the {@code plant-sim} thread; not closed by {@link #close}
     * @param clock     wall clock: the first samples carry its time at construction
     */
    public PlantSimulator(ChannelCatalogue catalogue, PlantPublisher publisher, SimSettings settings, Clock clock) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.startMillis = clock.millis();
        this.position = startMillis - 1;
        PlantModel model = new PlantModel(settings.seed());
        double shortestPeriod = MAX_TICK_MILLIS;
        for (ChannelDef c : catalogue.channels()) {
            double rate = settings.rateHzOverride() > 0 ? settings.rateHzOverride()
                    : Math.min(c.rateHz(), SimSettings.MAX_RATE_HZ);
            ChannelState state = new ChannelState(c, model.signal(c),
                    SimRandom.generator(settings.seed(), c.id()), 1000.0 / rate);
            channels.add(state);
            byId.put(c.id(), state);
            shortestPeriod = Math.min(shortestPeriod, state.periodMillis);
        }
        this.tickMillis = Math.max(MIN_TICK_MILLIS, Math.min(MAX_TICK_MILLIS, Math.round(shortestPeriod)));
    }

    public SimSettings settings() {
        return settings;
    }

    /** Wall-clock time of the first samples (UTC epoch ms). */
    public long startMillis() {
        return startMillis;
    }

    /** Starts the {@code plant-sim} daemon thread. Once only. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the simulator is closed");
        }
        if (thread != null) {
            throw new IllegalStateException("the simulator is already running");
        }
        running = true;
        thread = new Thread(this::run, "plant-sim");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the {@code plant-sim} thread is running. */
    public synchronized boolean isRunning() {
        return thread != null && thread.isAlive();
    }

    /**
     * Generates every sample due up to and including {@code epochMillis} that was not generated before, faults
     * applied: grouped by channel in catalogue order, each channel's in time order. A time at or before the last one
     * gives nothing. Pure apart from the simulator's own state: it publishes nothing and never reads the clock.
     */
    public synchronized List<SimSample> advanceTo(long epochMillis) {
        if (epochMillis <= position) {
            return List.of();
        }
        List<SimSample> out = new ArrayList<>();
        for (ChannelState c : channels) {
            c.generate(epochMillis, out);
        }
        position = epochMillis;
        return out;
    }

    /**
     * Injects a fault into a channel, from now (the later of the clock's time and the last time advanced to) for
     * {@code duration} of wall-clock time; see {@link FaultKind}. A {@link FaultKind#BEARING_FAULT} acts on every
     * channel of the same equipment (vibration, bearing temperature, motor current). Faults may overlap; they apply
     * in the order injected. Any thread.
     *
     * @throws IllegalArgumentException when the channel is not simulated or the duration is not positive
     */
    public synchronized void inject(String channelId, FaultKind kind, Duration duration) {
        ChannelState target = byId.get(channelId);
        if (target == null) {
            throw new IllegalArgumentException("no simulated channel " + channelId);
        }
        Objects.requireNonNull(kind, "kind");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("fault duration must be positive, got " + duration);
        }
        long start = Math.max(clock.millis(), position);
        long end = saturatedAdd(start, duration.toMillis());
        if (kind == FaultKind.BEARING_FAULT) {
            ChannelDef def = target.def;
            for (ChannelState c : channels) {
                if (c == target || c.def.area().equals(def.area()) && c.def.equipment().equals(def.equipment())) {
                    c.faults.add(new Fault(kind, start, end, 0, false));
                }
            }
            return;
        }
        target.faults.add(switch (kind) {
            case SPIKE -> spike(target, start, end);
            case DRIFT -> new Fault(kind, start, end,
                    direction(target.def) * DRIFT_FRACTION * (target.def.rangeHigh() - target.def.rangeLow()), false);
            default -> new Fault(kind, start, end, 0, false);
        });
    }

    /** Ends every fault at once. Any thread. */
    public synchronized void clearFaults() {
        for (ChannelState c : channels) {
            c.faults.clear();
        }
    }

    /** Faults not yet over at the last time advanced to, by channel id (channels without any left out). */
    public synchronized Map<String, Set<FaultKind>> activeFaults() {
        Map<String, Set<FaultKind>> result = new LinkedHashMap<>();
        for (ChannelState c : channels) {
            for (Fault f : c.faults) {
                if (f.end > position) {
                    result.computeIfAbsent(c.def.id(), k -> EnumSet.noneOf(FaultKind.class)).add(f.kind);
                }
            }
        }
        result.replaceAll((k, v) -> Collections.unmodifiableSet(v));
        return Collections.unmodifiableMap(result);
    }

    /** Samples generated (and handed out) so far for the channel; 0 for an unknown id. */
    public synchronized long samplesGenerated(String channelId) {
        ChannelState c = byId.get(channelId);
        return c == null ? 0 : c.generated;
    }

    /** Samples generated so far, by channel id in catalogue order. */
    public synchronized Map<String, Long> samplesGeneratedPerChannel() {
        Map<String, Long> result = new LinkedHashMap<>();
        for (ChannelState c : channels) {
            result.put(c.def.id(), c.generated);
        }
        return Collections.unmodifiableMap(result);
    }

    /** Samples generated so far over all channels. */
    public synchronized long samplesGenerated() {
        long sum = 0;
        for (ChannelState c : channels) {
            sum += c.generated;
        }
        return sum;
    }

    /** Wall-clock milliseconds skipped after stalls longer than {@value #MAX_CATCH_UP_MILLIS} ms. */
    public synchronized long skippedMillis() {
        return skippedMillis;
    }

    /** Ticks whose {@link PlantPublisher#publish} threw. */
    public synchronized long publishFailures() {
        return publishFailures;
    }

    /** Stops the {@code plant-sim} thread and waits briefly for it. Does not close the publisher. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            running = false;
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            LockSupport.unpark(t);
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The {@code plant-sim} loop. */
    private void run() {
        long tickNanos = tickMillis * 1_000_000L;
        long next = System.nanoTime();
        while (running) {
            List<SimSample> batch = tick(clock.millis());
            if (!batch.isEmpty()) {
                try {
                    publisher.publish(batch);
                } catch (RuntimeException e) {
                    onPublishFailure(e);
                }
            }
            next += tickNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
            } else if (-wait > MAX_CATCH_UP_MILLIS * 1_000_000L) {
                next = System.nanoTime();
            }
        }
    }

    private synchronized List<SimSample> tick(long now) {
        if (now - position > MAX_CATCH_UP_MILLIS) {
            long resumeAfter = now - MAX_CATCH_UP_MILLIS;
            skippedMillis += resumeAfter - position;
            for (ChannelState c : channels) {
                c.skipTo(resumeAfter);
            }
            position = resumeAfter;
        }
        return advanceTo(now);
    }

    private synchronized void onPublishFailure(RuntimeException e) {
        publishFailures++;
        if (publishFailures == 1) {
            LOG.warn("The plant simulator's publisher failed; the simulator goes on (further failures at debug)", e);
        } else {
            LOG.debug("Publisher failure #{}: {}", publishFailures, e.toString());
        }
    }

    private Fault spike(ChannelState target, long start, long end) {
        ChannelDef c = target.def;
        int direction = direction(c);
        double edge = direction > 0 ? c.normalHigh() : c.normalLow();
        double limit = direction > 0 ? c.rangeHigh() : c.rangeLow();
        double reach = SimRandom.between(settings.seed(), c.id() + "/spike", target.injections++, 0.3, 1.2);
        if (reach >= 1 || edge == limit) {
            return new Fault(FaultKind.SPIKE, start, end, limit, true);
        }
        return new Fault(FaultKind.SPIKE, start, end, edge + reach * (limit - edge), false);
    }

    /** Faults push a value towards the side of the normal band with more room left in the range. */
    private static int direction(ChannelDef c) {
        return c.rangeHigh() - c.normalHigh() >= c.normalLow() - c.rangeLow() ? 1 : -1;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /** One injected fault on one channel. */
    private static final class Fault {
        final FaultKind kind;
        final long start;
        final long end;
        /** SPIKE: the value held; DRIFT: the offset reached at the end. */
        final double amount;
        /** SPIKE: the value sits at the range limit and is flagged bad. */
        final boolean saturated;
        boolean frozen;
        double frozenValue;
        long frozenTimestamp;

        Fault(FaultKind kind, long start, long end, double amount, boolean saturated) {
            this.kind = kind;
            this.start = start;
            this.end = end;
            this.amount = amount;
            this.saturated = saturated;
        }

        double progress(long ts) {
            return Math.min(1, (ts - start) / (double) (end - start));
        }
    }

    /** A channel's schedule, model, random stream, faults and counters. Guarded by the simulator's lock. */
    private final class ChannelState {
        final ChannelDef def;
        final SignalModel model;
        final RandomGenerator random;
        final double periodMillis;
        final List<Fault> faults = new ArrayList<>(2);
        long next;
        long generated;
        long injections;
        boolean hasLast;
        double lastValue;
        long lastTimestamp;

        ChannelState(ChannelDef def, SignalModel model, RandomGenerator random, double periodMillis) {
            this.def = def;
            this.model = model;
            this.random = random;
            this.periodMillis = periodMillis;
        }

        long timestampOf(long n) {
            return startMillis + Math.round(n * periodMillis);
        }

        void generate(long until, List<SimSample> out) {
            for (long ts = timestampOf(next); ts <= until; ts = timestampOf(next)) {
                next++;
                double simSeconds = (ts - startMillis) / 1000.0 * settings.timeScale();
                double value = model.valueAt(simSeconds) + model.noiseSd() * random.nextGaussian();
                emit(ts, value, out);
            }
        }

        /** Skips the samples due up to {@code time} without generating them. */
        void skipTo(long time) {
            long n = Math.max(next, (long) Math.floor((time - startMillis) / periodMillis));
            while (timestampOf(n) <= time) {
                n++;
            }
            next = n;
        }

        private void emit(long ts, double raw, List<SimSample> out) {
            double value = raw;
            long timestamp = ts;
            boolean faulted = false;
            boolean bad = false;
            for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
                Fault f = it.next();
                if (ts >= f.end) {
                    it.remove();
                    continue;
                }
                if (ts < f.start) {
                    continue;
                }
                faulted = true;
                switch (f.kind) {
                    case SPIKE -> {
                        value = f.amount;
                        bad |= f.saturated;
                    }
                    case DRIFT -> value += f.amount * f.progress(ts);
                    case FLAT_LINE -> value = freeze(f, value, ts).frozenValue;
                    case STALE -> {
                        freeze(f, value, ts);
                        value = f.frozenValue;
                        timestamp = f.frozenTimestamp;
                    }
                    case DROPOUT -> {
                        return;
                    }
                    case BEARING_FAULT -> value += bearingFault(f, ts);
                }
            }
            if (!Double.isFinite(value)) {
                value = (def.rangeLow() + def.rangeHigh()) / 2;
                bad = true;
            }
            if (value > def.rangeHigh() || value < def.rangeLow()) {
                value = Math.max(def.rangeLow(), Math.min(def.rangeHigh(), value));
                bad |= faulted;
            }
            hasLast = true;
            lastValue = value;
            lastTimestamp = timestamp;
            generated++;
            out.add(new SimSample(def, timestamp, value, bad));
        }

        /** The value and timestamp a flat-line or stale fault holds: the last ones published before it began. */
        private Fault freeze(Fault f, double value, long ts) {
            if (!f.frozen) {
                f.frozen = true;
                f.frozenValue = hasLast ? lastValue : value;
                f.frozenTimestamp = hasLast ? lastTimestamp : ts;
            }
            return f;
        }

        /**
         * Vibration: rises to 1.45 times the normal band's top within the first quarter of the fault and on to 1.9
         * times by its end, plus pulses once and twice per (slowed) revolution; bearing temperature: up by 70 % of the
         * normal band's width; motor current: up by 6 % of it.
         */
        private double bearingFault(Fault f, long ts) {
            double u = f.progress(ts);
            double onset = Math.min(1, u / 0.25);
            double span = def.normalHigh() - def.normalLow();
            return switch (model.kind()) {
                case VIBRATION -> {
                    double top = def.normalHigh() > 0 ? def.normalHigh() : span;
                    double seconds = (ts - f.start) / 1000.0;
                    double once = Math.pow(Math.max(0, Math.sin(Math.PI * seconds)), 8);
                    double twice = Math.pow(Math.max(0, Math.sin(2 * Math.PI * seconds)), 8);
                    yield top * (1.45 * onset + 0.45 * u + onset * (0.4 * once + 0.25 * twice));
                }
                case BEARING_TEMP -> 0.7 * span * (1 - Math.exp(-4 * u));
                case MOTOR_CURRENT -> 0.06 * span * onset;
                default -> 0;
            };
        }
    }
}
