package io.plantconsole.bench;

import io.plantconsole.telemetry.model.ChannelCatalogue;
import io.plantconsole.telemetry.service.TelemetryHub;
import io.plantconsole.testing.MosquittoBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Issue 2, benchmark 1: messages per second received and processed by the console's ingest path (until every
 * message is in the hub) versus a raw Paho subscriber that only counts, against the same Debian mosquitto and the
 * same feed, alternating raw and console repetitions in one run.
 */
final class IngestBenchmark {
    private enum Mode { RAW, CONSOLE }

    /** One repetition of one subscriber. */
    private record Run(Mode mode, long expected, long received, double seconds, double publishSeconds,
                       long queueFull, long badInput, long hookEvaluated) {
        double rate() {
            return Stats.rate(received, seconds);
        }

        long lost() {
            return expected - received;
        }
    }

    private final int messages = Props.integer("bench.ingest.messages", 200_000);
    private final int channels = Props.integer("bench.ingest.channels", 50);
    private final int reps = Props.integer("bench.ingest.reps", 5);
    private final int warmupMessages = Props.integer("bench.ingest.warmupMessages", 50_000);
    private final int window = Props.integer("bench.ingest.window", 2000);
    private final int queueCapacity = Props.integer("bench.ingest.queue", ConsoleStack.QUEUE_CAPACITY);
    private final long idleMillis = Props.integer("bench.ingest.idleMillis", 3000);
    private final long timeoutMillis = Props.integer("bench.ingest.timeoutSeconds", 90) * 1000L;
    private final List<String> qosList = Props.list("bench.ingest.qos", "0,1");

    private ChannelCatalogue catalogue;
    private String[] topics;
    private byte[][] payloads;
    private long baseTs;

    List<BenchResult> run() throws Exception {
        catalogue = BenchCatalogue.json(channels, 10, -1e9, 1e9);
        topics = new String[channels];
        for (int i = 0; i < channels; i++) {
            topics[i] = BenchCatalogue.topic(i);
        }
        buildPayloads(Math.max(messages, warmupMessages));
        List<BenchResult> results = new ArrayList<>();
        Path dir = Files.createTempDirectory("pc-bench-ingest-mosquitto");
        try (MosquittoBroker broker = MosquittoBroker.start(dir)) {
            System.out.printf(Locale.ROOT, "[ingest] mosquitto on %s; %d messages x %d reps over %d topics%n",
                    broker.uri(), messages, reps, channels);
            for (String q : qosList) {
                results.add(runQos(broker.uri(), Integer.parseInt(q)));
            }
        } finally {
            BenchmarkMain.deleteTree(dir);
        }
        return results;
    }

    /** {@code {"ts":..,"value":..,"seq":..}}, per topic: ts +1 ms and seq +1 per message. */
    private void buildPayloads(int n) {
        baseTs = System.currentTimeMillis() - 3_600_000L;
        payloads = new byte[n][];
        for (int i = 0; i < n; i++) {
            long perTopic = i / channels;
            double value = 20 + (i % 997) * 0.1;
            payloads[i] = String.format(Locale.ROOT, "{\"ts\":%d,\"value\":%.1f,\"seq\":%d}", baseTs + perTopic,
                    value, perTopic).getBytes(StandardCharsets.UTF_8);
        }
    }

    private BenchResult runQos(String uri, int qos) throws Exception {
        runOnce(uri, Mode.RAW, qos, warmupMessages);
        runOnce(uri, Mode.CONSOLE, qos, warmupMessages);
        List<Run> raw = new ArrayList<>();
        List<Run> console = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            Mode[] order = r % 2 == 0 ? new Mode[] {Mode.RAW, Mode.CONSOLE} : new Mode[] {Mode.CONSOLE, Mode.RAW};
            for (Mode m : order) {
                Run run = runOnce(uri, m, qos, messages);
                (m == Mode.RAW ? raw : console).add(run);
                System.out.printf(Locale.ROOT, "[ingest] qos%d rep %d %-7s %9.0f msg/s  received %d/%d in %.2f s "
                                + "(publisher %.2f s)%s%n", qos, r + 1, m, run.rate(), run.received(), run.expected(),
                        run.seconds(), run.publishSeconds(),
                        m == Mode.CONSOLE ? "  queue-full " + run.queueFull() + ", bad " + run.badInput() : "");
            }
        }
        double[] rawRates = raw.stream().mapToDouble(Run::rate).toArray();
        double[] consoleRates = console.stream().mapToDouble(Run::rate).toArray();
        double[] ratios = new double[reps];
        for (int i = 0; i < reps; i++) {
            ratios[i] = Stats.ratio(consoleRates[i], rawRates[i]);
        }
        double value = Stats.median(consoleRates);
        double base = Stats.median(rawRates);
        double ratio = Stats.ratio(value, base);
        long consoleLost = console.stream().mapToLong(Run::lost).sum();
        long consoleMaxLost = console.stream().mapToLong(Run::lost).max().orElse(0);
        long rawLost = raw.stream().mapToLong(Run::lost).sum();
        long queueFull = console.stream().mapToLong(Run::queueFull).sum();
        long bad = console.stream().mapToLong(Run::badInput).sum();
        double pubRate = Stats.median(console.stream().mapToDouble(r -> r.expected() / r.publishSeconds()).toArray());
        StringBuilder notes = new StringBuilder();
        notes.append(String.format(Locale.ROOT, "target ratio >= 0.9: %s (median console/raw %.3f; per-rep ratios %s)",
                ratio >= 0.9 ? "MET" : "MISSED", ratio, Stats.list(ratios)));
        if (qos == 1) {
            notes.append(String.format(Locale.ROOT, "; QoS 1 zero-loss target: %s (console lost %d of %d over %d reps)",
                    consoleLost == 0 ? "MET" : "MISSED", consoleLost, (long) messages * reps, reps));
        } else {
            notes.append(String.format(Locale.ROOT, "; QoS 0 loss (allowed, reported): console %d of %d (worst rep %d), "
                    + "raw %d", consoleLost, (long) messages * reps, consoleMaxLost, rawLost));
        }
        if (qos == 1) {
            notes.append("; raw loss ").append(rawLost);
        }
        long hook = console.stream().mapToLong(Run::hookEvaluated).sum();
        notes.append(String.format(Locale.ROOT, "; console drops: ingest queue full %d, rejected input %d; alarm hook "
                + "(SampleListener limit check) evaluated %d samples (every accepted one, start-up probes included)",
                queueFull, bad, hook));
        notes.append(String.format(Locale.ROOT, "; value = messages/s from the first publish until hub.acceptedSamples() "
                        + "reached the count (or the last progress when some were lost); console reps %s, raw reps %s; "
                        + "%s session, subscribe QoS %d; feed: own Paho client publishing pre-built JSON at QoS %d as "
                        + "fast as mosquitto accepts (window %d unfinished publishes), %d msgs over %d topics "
                        + "plant/bench/ch-NN, median publish rate %.0f msg/s; mosquitto via MosquittoBroker "
                        + "(persistence on, max_queued_messages 1e6); ingest queue %d; %d reps alternating raw/console "
                        + "after one warm-up pair of %d msgs; %s",
                Stats.list(consoleRates), Stats.list(rawRates), qos == 1 ? "persistent (cleanSession=false)" : "clean",
                qos, qos, window, messages, channels, pubRate, queueCapacity, reps, warmupMessages,
                BenchmarkMain.machineTag()));
        return new BenchResult("ingest-qos" + qos, value, "msg/s",
                "raw Paho MqttAsyncClient subscriber that only counts (same broker, feed and run)", base, ratio,
                notes.toString());
    }

    private Run runOnce(String uri, Mode mode, int qos, int n) throws Exception {
        boolean persistent = qos >= 1;
        String clientId = "bench-" + mode.name().toLowerCase(Locale.ROOT) + "-q" + qos;
        RawSubscriber raw = null;
        ConsoleStack console = null;
        LongSupplier counter;
        if (mode == Mode.RAW) {
            raw = new RawSubscriber(uri, clientId, null);
            raw.start(!persistent, BenchCatalogue.TOPIC_FILTER, qos);
            counter = raw::count;
        } else {
            console = new ConsoleStack(uri, clientId, persistent, qos, catalogue, TelemetryHub.Settings.defaults(),
                    queueCapacity);
            console.start(15_000);
            counter = console.hub::acceptedSamples;
        }
        try (FeedPublisher pub = new FeedPublisher(uri, "bench-feed", qos, window)) {
            // The console subscribes in connectComplete without waiting for the SUBACK: publish probes (older
            // timestamps on channel 0, so the feed stays in order) until one arrives, then start the clock.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            int k = 0;
            while (counter.getAsLong() == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(mode + " subscriber received no probe message within 15 s");
                }
                pub.publish(topics[0], String.format(Locale.ROOT, "{\"ts\":%d,\"value\":1.0}", baseTs - 100_000 + k++)
                        .getBytes(StandardCharsets.UTF_8));
                Thread.sleep(50);
            }
            pub.drain(5000);
            Thread.sleep(300);
            long c0 = counter.getAsLong();

            AtomicReference<Throwable> failure = new AtomicReference<>();
            long[] publishEnd = new long[1];
            Thread feeder = new Thread(() -> {
                try {
                    for (int i = 0; i < n; i++) {
                        pub.publish(topics[i % channels], payloads[i]);
                    }
                    pub.drain(60_000);
                } catch (Throwable e) {
                    failure.set(e);
                }
                publishEnd[0] = System.nanoTime();
            }, "bench-feed");
            long t0 = System.nanoTime();
            feeder.start();
            long last = 0;
            long lastChange = t0;
            while (true) {
                long c = counter.getAsLong() - c0;
                long now = System.nanoTime();
                if (c != last) {
                    last = c;
                    lastChange = now;
                }
                if (c >= n) {
                    break;
                }
                if (failure.get() != null) {
                    throw new IllegalStateException("publisher failed", failure.get());
                }
                if (!feeder.isAlive() && now - lastChange > TimeUnit.MILLISECONDS.toNanos(idleMillis)) {
                    break;
                }
                if (now - t0 > TimeUnit.MILLISECONDS.toNanos(timeoutMillis)) {
                    System.out.println("[ingest] " + mode + " run timed out after " + timeoutMillis + " ms");
                    break;
                }
                LockSupport.parkNanos(500_000);
            }
            feeder.join(timeoutMillis);
            if (failure.get() != null) {
                throw new IllegalStateException("publisher failed", failure.get());
            }
            if (pub.failures() > 0) {
                throw new IllegalStateException(pub.failures() + " publishes failed");
            }
            long received = Math.min(last, n);
            double seconds = (lastChange - t0) / 1e9;
            double publishSeconds = (publishEnd[0] - t0) / 1e9;
            long queueFull = 0;
            long bad = 0;
            long hook = 0;
            if (console != null) {
                console.close();
                queueFull = console.queueFull();
                bad = console.hub.diagnostics().bad();
                hook = console.hook.evaluated();
                console = null;
            }
            return new Run(mode, n, received, seconds, publishSeconds, queueFull, bad, hook);
        } finally {
            if (raw != null) {
                raw.close();
                if (persistent) {
                    Mqtt.clearSession(uri, clientId);
                }
            }
            if (console != null) {
                console.close();
            }
        }
    }
}
