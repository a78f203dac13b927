package io.plantconsole.bench;

import io.plantconsole.telemetry.service.TelemetryHub;
import io.plantconsole.telemetry.view.TrendsViewModel;
import io.plantconsole.telemetry.view.trend.TimeWindow;
import io.plantconsole.telemetry.view.trend.TrendChartModel;
import io.plantconsole.testing.MosquittoBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Issue 2, benchmark 2: publish → visible in a chart data set, at a paced 10 k msg/s. The publisher (own Paho
 * client, same JVM) records {@code System.nanoTime()} per message in a side table keyed by the message index, which
 * the payload carries as its value. The console path ends when the {@link ChartFeed} read that started after the
 * sample reached the hub (marked by a {@code SampleListener}) has put the data into the pen's data set. The baseline
 * is a raw Paho subscriber's publish → {@code messageArrived}, subscribed alongside in the same run.
 */
final class LatencyBenchmark {
    private final int rate = Props.integer("bench.latency.rate", 10_000);
    private final int seconds = Props.integer("bench.latency.seconds", 5);
    private final int reps = Props.integer("bench.latency.reps", 3);
    private final int warmupSeconds = Props.integer("bench.latency.warmupSeconds", 2);
    private final int channels = Props.integer("bench.latency.channels", 50);
    private final int pens = Props.integer("bench.latency.pens", TrendsViewModel.MAX_PENS);
    private final int qos = Props.integer("bench.latency.qos", 1);
    private final int plotWidth = Props.integer("bench.latency.plotWidth", 1000);
    private final int windowSeconds = Props.integer("bench.latency.windowSeconds", 60);
    private final int window = Props.integer("bench.latency.window", 2000);

    List<BenchResult> run() throws Exception {
        int warmup = rate * warmupSeconds;
        int perRep = rate * seconds;
        int total = warmup + perRep * reps;
        var catalogue = BenchCatalogue.json(channels, (double) rate / channels, -1e12, 1e12);
        var settings = new TelemetryHub.Settings(Duration.ofSeconds(2L * windowSeconds + 10), 1_000_000,
                Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofSeconds(3), 5);
        AtomicLongArray sent = new AtomicLongArray(total);
        AtomicLongArray rawAt = new AtomicLongArray(total);
        AtomicLongArray hubAt = new AtomicLongArray(total);
        AtomicLongArray mqttAt = new AtomicLongArray(total);
        String[] topics = new String[channels];
        List<String> penIds = new ArrayList<>();
        for (int i = 0; i < channels; i++) {
            topics[i] = BenchCatalogue.topic(i);
            if (i < pens) {
                penIds.add(BenchCatalogue.id(i));
            }
        }
        boolean persistent = qos >= 1;
        Path dir = Files.createTempDirectory("pc-bench-latency-mosquitto");
        ChartFeed feed;
        double achievedRate;
        long rawCount;
        long consoleAccepted;
        long queueFull;
        try (MosquittoBroker broker = MosquittoBroker.start(dir)) {
            String uri = broker.uri();
            System.out.printf(Locale.ROOT, "[latency] mosquitto on %s; %d msg/s for %d s warm-up + %d x %d s%n", uri,
                    rate, warmupSeconds, reps, seconds);
            ConsoleStack console = new ConsoleStack(uri, "bench-latency-console", persistent, qos, catalogue, settings,
                    ConsoleStack.QUEUE_CAPACITY);
            console.hub.addListener((id, ts, value, quality, arrivalNanos) -> {
                long now = System.nanoTime();
                if (value >= 0 && value < total) {
                    int i = (int) value;
                    hubAt.set(i, now);
                    mqttAt.set(i, arrivalNanos);
                }
            });
            RawSubscriber raw = new RawSubscriber(uri, "bench-latency-raw", (payload, nanos) -> {
                int i = Mqtt.trailingIndex(payload);
                if (i >= 0 && i < total) {
                    rawAt.set(i, nanos);
                }
            });
            feed = new ChartFeed(console.hub, penIds, windowSeconds * 1000L, plotWidth);
            try (FeedPublisher pub = new FeedPublisher(uri, "bench-latency-feed", qos, window)) {
                raw.start(!persistent, BenchCatalogue.TOPIC_FILTER, qos);
                console.start(15_000);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                int k = 0;
                while (raw.count() == 0 || console.hub.acceptedSamples() == 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("no probe message arrived within 15 s");
                    }
                    long ts = System.currentTimeMillis() - 30_000 + k++;
                    pub.publish(topics[0], ("{\"ts\":" + ts + ",\"value\":-1}").getBytes(StandardCharsets.UTF_8));
                    Thread.sleep(50);
                }
                Thread.sleep(300);
                long raw0 = raw.count();
                long console0 = console.hub.acceptedSamples();
                feed.start();
                Thread.sleep(200);

                AtomicReference<Throwable> failure = new AtomicReference<>();
                Thread publisher = new Thread(() -> {
                    try {
                        long period = 1_000_000_000L / rate;
                        long t0 = System.nanoTime();
                        StringBuilder sb = new StringBuilder(64);
                        for (int i = 0; i < total; i++) {
                            long due = t0 + i * period;
                            long wait;
                            while ((wait = due - System.nanoTime()) > 0) {
                                LockSupport.parkNanos(wait);
                            }
                            sb.setLength(0);
                            sb.append("{\"ts\":").append(System.currentTimeMillis()).append(",\"seq\":")
                                    .append(i / channels).append(",\"value\":").append(i).append('}');
                            byte[] payload = sb.toString().getBytes(StandardCharsets.UTF_8);
                            sent.set(i, System.nanoTime());
                            pub.publish(topics[i % channels], payload);
                        }
                        pub.drain(30_000);
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                }, "bench-latency-feed");
                publisher.start();
                publisher.join();
                if (failure.get() != null) {
                    throw new IllegalStateException("publisher failed", failure.get());
                }
                long idleSince = System.nanoTime();
                long seen = -1;
                while (raw.count() - raw0 < total || console.hub.acceptedSamples() - console0 < total) {
                    long s = raw.count() + console.hub.acceptedSamples();
                    if (s != seen) {
                        seen = s;
                        idleSince = System.nanoTime();
                    } else if (System.nanoTime() - idleSince > TimeUnit.SECONDS.toNanos(3)) {
                        break;
                    }
                    Thread.sleep(5);
                }
                Thread.sleep(250); // a few more chart reads
                feed.stop();
                rawCount = raw.count() - raw0;
                consoleAccepted = console.hub.acceptedSamples() - console0;
                achievedRate = (total - 1) / ((sent.get(total - 1) - sent.get(0)) / 1e9);
            } finally {
                feed.stop();
                raw.close();
                if (persistent) {
                    Mqtt.clearSession(uri, "bench-latency-raw");
                }
                console.close();
            }
            queueFull = console.queueFull();
        } finally {
            BenchmarkMain.deleteTree(dir);
        }

        double[] consoleP50 = new double[reps];
        double[] consoleP99 = new double[reps];
        double[] rawP50 = new double[reps];
        double[] rawP99 = new double[reps];
        double[] hubP50 = new double[reps];
        double[] hubP99 = new double[reps];
        double[] mqttP99 = new double[reps];
        long notVisible = 0;
        long consoleMissing = 0;
        long rawMissing = 0;
        long chartSamples = 0;
        for (int r = 0; r < reps; r++) {
            int from = warmup + r * perRep;
            int to = from + perRep;
            long[] c = new long[perRep];
            long[] rw = new long[perRep];
            long[] hb = new long[perRep];
            long[] mq = new long[perRep];
            int nc = 0;
            int nr = 0;
            int nh = 0;
            for (int i = from; i < to; i++) {
                long s = sent.get(i);
                long ra = rawAt.get(i);
                if (ra != 0) {
                    rw[nr++] = ra - s;
                } else {
                    rawMissing++;
                }
                long h = hubAt.get(i);
                if (h == 0) {
                    consoleMissing++;
                    continue;
                }
                hb[nh] = h - s;
                mq[nh++] = mqttAt.get(i) - s;
                int ch = i % channels;
                if (ch < pens) {
                    long v = feed.visibleAt(ch, h);
                    if (v < 0) {
                        notVisible++;
                    } else {
                        c[nc++] = v - s;
                    }
                }
            }
            chartSamples += nc;
            Arrays.sort(c, 0, nc);
            Arrays.sort(rw, 0, nr);
            Arrays.sort(hb, 0, nh);
            Arrays.sort(mq, 0, nh);
            consoleP50[r] = Stats.percentile(c, nc, 50) / 1e6;
            consoleP99[r] = Stats.percentile(c, nc, 99) / 1e6;
            rawP50[r] = Stats.percentile(rw, nr, 50) / 1e6;
            rawP99[r] = Stats.percentile(rw, nr, 99) / 1e6;
            hubP50[r] = Stats.percentile(hb, nh, 50) / 1e6;
            hubP99[r] = Stats.percentile(hb, nh, 99) / 1e6;
            mqttP99[r] = Stats.percentile(mq, nh, 99) / 1e6;
            System.out.printf(Locale.ROOT, "[latency] rep %d: chart p50 %.2f p99 %.2f ms | hub p50 %.2f p99 %.2f ms | "
                            + "raw p50 %.2f p99 %.2f ms%n", r + 1, consoleP50[r], consoleP99[r], hubP50[r], hubP99[r],
                    rawP50[r], rawP99[r]);
        }
        double p99 = Stats.median(consoleP99);
        double[] gaps = feed.tickGapsMillis();
        String common = String.format(Locale.ROOT,
                "paced publisher at %d msg/s (achieved %.0f) over %d topics, QoS %d (console: %s session, as in "
                        + "production; raw subscriber: same session kind, subscribed alongside in the same run), "
                        + "%d s warm-up then %d reps x %d s; value = median over reps of the console's publish -> "
                        + "in chart data set percentile, for the %d charted pens (%d samples): end of the first "
                        + "25 Hz hub.read -> DoubleDataSet.set that started after a SampleListener saw the sample in "
                        + "the hub (%s; %d-s live window, maxPoints %d for a %d-px plot, mean feed tick %.2f ms over "
                        + "%d ticks, read spacing p50 %.1f / p99 %.1f / max %.1f ms: a 40-ms FxPulse on the 60 Hz "
                        + "pulse fires on pulse boundaries, so the wait for the next read alone reaches ~50 ms at the "
                        + "tail); console publish -> hub p50 %s / "
                        + "p99 %s ms, publish -> console messageArrived p99 %s ms (per rep); not yet in a read %d, "
                        + "lost console %d (queue-full %d), lost raw %d, raw received %d, console accepted %d of %d; "
                        + "the real TrendChartModel reads only once the window moves a pixel (%d ms for 1 min, %d ms "
                        + "for the default 10 min at %d px), which would add that much; %s",
                rate, achievedRate, channels, qos, persistent ? "persistent" : "clean", warmupSeconds, reps, seconds,
                pens, chartSamples, feed.scheduler(), windowSeconds, TrendChartModel.maxPoints(plotWidth), plotWidth,
                feed.meanTickMillis(), feed.ticks(), gaps[0], gaps[1], gaps[2], Stats.list(hubP50), Stats.list(hubP99), Stats.list(mqttP99),
                notVisible, consoleMissing, queueFull, rawMissing, rawCount, consoleAccepted, total,
                TrendChartModel.refreshIntervalMillis(TimeWindow.MIN_1, plotWidth),
                TrendChartModel.refreshIntervalMillis(TimeWindow.MIN_10, plotWidth), plotWidth,
                BenchmarkMain.machineTag());
        String baseline = "raw Paho subscriber publish -> messageArrived (same run)";
        List<BenchResult> results = new ArrayList<>();
        double p50 = Stats.median(consoleP50);
        double b50 = Stats.median(rawP50);
        results.add(new BenchResult("latency-p50", p50, "ms", baseline, b50, Stats.ratio(p50, b50),
                String.format(Locale.ROOT, "per-rep console %s, raw %s; ratio = console/raw; ",
                        Stats.list(consoleP50), Stats.list(rawP50)) + common));
        double b99 = Stats.median(rawP99);
        results.add(new BenchResult("latency-p99", p99, "ms", baseline, b99, Stats.ratio(p99, b99),
                String.format(Locale.ROOT, "target p99 < 50 ms at %d msg/s: %s; per-rep console %s, raw %s; "
                                + "ratio = console/raw; ", rate, p99 < 50 ? "MET" : "MISSED", Stats.list(consoleP99),
                        Stats.list(rawP99)) + common));
        return results;
    }
}
