package io.plantconsole.app.shell;

import io.plantconsole.sync.SyncFeature;
import io.plantconsole.telemetry.TelemetryFeature;
import io.plantconsole.testing.TestUi;
import io.plantconsole.ui.PngExport;
import io.plantconsole.telemetry.model.BadCause;
import io.plantconsole.telemetry.model.ChannelCatalogue;
import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.model.ChannelSource;
import io.plantconsole.telemetry.model.ConnectionState;
import io.plantconsole.telemetry.model.Quality;
import io.plantconsole.telemetry.model.SourceKind;
import io.plantconsole.telemetry.service.IngestPipeline;
import io.plantconsole.telemetry.service.TelemetryHub;
import io.plantconsole.telemetry.view.FakeTelemetrySource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

/**
 * Not a test: renders the shell with a small simulated plant and writes screenshots of every screen to a folder
 * (default {@code /tmp/ui-shots}). Run under Xvfb, for example
 * {@code xvfb-run -a -s "-screen 0 1600x1000x24" java -cp ... io.plantconsole.app.shell.UiScreenshots /tmp/ui-shots}.
 */
public final class UiScreenshots {
    private static final Random RND = new Random(7);

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "/tmp/ui-shots");
        Files.createDirectories(out);
        Clock clock = Clock.systemDefaultZone();
        ChannelCatalogue cat = args.length > 1 && args[1].equals("demo") ? demoCatalogue() : catalogue();
        TelemetryHub hub = new TelemetryHub(cat, clock, TelemetryHub.Settings.defaults());
        IngestPipeline pipeline = new IngestPipeline(hub, List.of(), clock, 1024, 65536);
        FakeTelemetrySource source = new FakeTelemetrySource();
        history(hub, clock.millis());
        for (int i = 0; i < 37; i++) {
            hub.reject(BadCause.INVALID_JSON, "plant/winnowing/winnower1/vibration", "Unexpected character ('}' (code 125)): was expecting double-quote to start field name at line 1, column 37");
        }
        for (int i = 0; i < 4; i++) {
            hub.reject(BadCause.OUT_OF_ORDER, "plant/roasting/roaster1/bean_temp", "roaster1.bean_temp t=" + (clock.millis() - 4000 + i));
        }
        hub.reject(BadCause.NOT_FINITE, "plant/drying/dryer2/moisture", "dryer2.moisture = NaN");
        for (int i = 0; i < 12; i++) {
            hub.reject(BadCause.QUEUE_FULL, "plant/roasting/roaster2/drum_temp", "ingest queue full (1024 waiting)");
        }
        for (int i = 0; i < 2000; i++) {
            pipeline.offer("plant/other", new byte[] {1}, false);
        }

        Thread feeder = new Thread(() -> feed(hub, clock), "screenshot-feed");
        feeder.setDaemon(true);
        feeder.start();

        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(10, TimeUnit.SECONDS);
        AtomicReference<MainWindow> window = new AtomicReference<>();
        AtomicReference<Stage> stage = new AtomicReference<>();
        fx(() -> {
            MainWindow w = MainWindow.create(TestUi.services(hub, pipeline, source, clock, out.resolve("exports")));
            Stage s = new Stage();
            s.setScene(new Scene(w.root(), 1600, 1000));
            s.setTitle("Plant Console");
            s.show();
            window.set(w);
            stage.set(s);
        });
        Thread.sleep(1500);
        shot(stage.get(), out.resolve("overview.png"));

        fx(() -> window.get().navigate(TelemetryFeature.TRENDS));
        Thread.sleep(2500);
        shot(stage.get(), out.resolve("trends.png"));
        fx(() -> {
            var c = window.get().requireController(io.plantconsole.telemetry.TelemetryFeature.TRENDS, io.plantconsole.telemetry.view.TrendsController.class);
            c.cursor().showAt(c.chart().getCanvas().getWidth() * 0.62);
        });
        Thread.sleep(300);
        shot(stage.get(), out.resolve("trends-cursor.png"));
        fx(() -> {
            window.get().requireController(io.plantconsole.telemetry.TelemetryFeature.TRENDS, io.plantconsole.telemetry.view.TrendsController.class).cursor().hide();
            window.get().requireController(io.plantconsole.telemetry.TelemetryFeature.TRENDS, io.plantconsole.telemetry.view.TrendsController.class).showArea(cat.areas().get(1));
        });
        Thread.sleep(1500);
        shot(stage.get(), out.resolve("trends-drying.png"));
        fx(() -> window.get().requireController(io.plantconsole.telemetry.TelemetryFeature.TRENDS, io.plantconsole.telemetry.view.TrendsController.class).viewModel().chooseWindow(
                io.plantconsole.telemetry.view.trend.TimeWindow.HOUR_1));
        Thread.sleep(1500);
        shot(stage.get(), out.resolve("trends-1h.png"));

        fx(() -> {
            var c = window.get().requireController(io.plantconsole.telemetry.TelemetryFeature.TRENDS, io.plantconsole.telemetry.view.TrendsController.class);
            c.viewModel().pause();
            var x = c.chart().getXAxis();
            double max = x.getMax() - 600;
            x.set(max - 900, max);
        });
        Thread.sleep(800);
        shot(stage.get(), out.resolve("trends-paused.png"));

        fx(() -> window.get().navigate(TelemetryFeature.DIAGNOSTICS));
        Thread.sleep(1500);
        shot(stage.get(), out.resolve("diagnostics.png"));

        fx(() -> window.get().navigate(SyncFeature.SYNC));
        Thread.sleep(1500);
        shot(stage.get(), out.resolve("sync.png"));

        source.report(ConnectionState.RECONNECTING, "Connection lost (32109) - java.io.EOFException");
        fx(() -> window.get().navigate(TelemetryFeature.OVERVIEW));
        Thread.sleep(1200);
        shot(stage.get(), out.resolve("overview-broker-lost.png"));
        System.out.println("fps=" + window.get().frameRateMeter().framesPerSecond());
        fx(() -> window.get().dispose());
        pipeline.close();
        Platform.exit();
        System.out.println("Screenshots in " + out);
        System.exit(0);
    }

    private static void fx(Runnable r) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                r.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        done.get(20, TimeUnit.SECONDS);
    }

    private static void shot(Stage stage, Path file) throws Exception {
        AtomicReference<WritableImage> img = new AtomicReference<>();
        fx(() -> img.set(stage.getScene().snapshot(null)));
        PngExport.write(img.get(), file);
        System.out.println("wrote " + file);
    }

    record Sim(ChannelDef def, double base, double amp, double periodS, double noise) {
        double at(long t) {
            return base + amp * Math.sin(2 * Math.PI * (t / 1000.0) / periodS) + noise * RND.nextGaussian();
        }
    }

    private static final List<Sim> SIMS = new ArrayList<>();

    private static ChannelCatalogue catalogue() {
        add("ferment.box1.temp", "Box 1 pulp temperature", "Fermentation", "Box 1", "°C", 0, 60, 35, 50, 1, 44, 2, 900, 0.1);
        add("ferment.box2.temp", "Box 2 pulp temperature", "Fermentation", "Box 2", "°C", 0, 60, 35, 50, 1, 47, 2.5, 700, 0.1);
        add("ferment.box1.ph", "Box 1 pulp pH", "Fermentation", "Box 1", "pH", 2, 8, 3.5, 5.5, 1, 4.4, 0.2, 1200, 0.01);
        add("ferment.box2.ph", "Box 2 pulp pH", "Fermentation", "Box 2", "pH", 2, 8, 3.5, 5.5, 1, 4.1, 0.2, 1100, 0.01);
        add("drying.dryer1.moisture", "Dryer 1 bean moisture", "Drying", "Dryer 1", "%", 0, 30, 6, 8, 1, 7.3, 0.3, 600, 0.03);
        add("drying.dryer1.air_temp", "Dryer 1 air temperature", "Drying", "Dryer 1", "°C", 0, 120, 45, 65, 1, 58, 3, 400, 0.2);
        add("drying.dryer2.moisture", "Dryer 2 bean moisture", "Drying", "Dryer 2", "%", 0, 30, 6, 8, 1, 8.9, 0.2, 500, 0.03);
        add("drying.dryer2.air_temp", "Dryer 2 air temperature", "Drying", "Dryer 2", "°C", 0, 120, 45, 65, 1, 61, 2, 350, 0.2);
        add("roasting.roaster1.bean_temp", "Roaster 1 bean temperature", "Roasting", "Roaster 1", "°C", 0, 250, 110, 135, 10, 124, 6, 120, 0.3);
        add("roasting.roaster1.drum_temp", "Roaster 1 drum temperature", "Roasting", "Roaster 1", "°C", 0, 300, 150, 220, 10, 192, 10, 150, 0.5);
        add("roasting.roaster1.exhaust_temp", "Roaster 1 exhaust temperature", "Roasting", "Roaster 1", "°C", 0, 250, 90, 160, 10, 131, 8, 180, 0.4);
        add("roasting.roaster1.vibration", "Roaster 1 drum vibration", "Roasting", "Roaster 1", "mm/s", 0, 20, 0, 7.1, 10, 3.2, 0.6, 40, 0.2);
        add("roasting.roaster2.bean_temp", "Roaster 2 bean temperature", "Roasting", "Roaster 2", "°C", 0, 250, 110, 135, 10, 127, 5, 130, 0.3);
        add("roasting.roaster2.drum_temp", "Roaster 2 drum temperature", "Roasting", "Roaster 2", "°C", 0, 300, 150, 220, 10, 231, 4, 160, 0.5);
        add("winnowing.winnower1.vibration", "Winnower 1 vibration", "Winnowing", "Winnower 1", "mm/s", 0, 20, 0, 7.1, 10, 2.4, 0.4, 30, 0.2);
        add("winnowing.winnower1.shell_content", "Winnower 1 shell in nibs", "Winnowing", "Winnower 1", "%", 0, 5, 0, 1.75, 1, 1.2, 0.15, 300, 0.02);
        List<ChannelDef> defs = new ArrayList<>();
        SIMS.forEach(s -> defs.add(s.def()));
        return new ChannelCatalogue(defs);
    }

    /** The shipped demo catalogue, each channel swinging inside its normal band. */
    private static ChannelCatalogue demoCatalogue() {
        ChannelCatalogue demo = new io.plantconsole.infra.config.CatalogueLoader().loadDemo();
        for (ChannelDef c : demo.channels()) {
            double band = c.normalHigh() - c.normalLow();
            SIMS.add(new Sim(c, (c.normalLow() + c.normalHigh()) / 2, band / 4, 200 + RND.nextInt(600),
                    band * 0.01));
        }
        return demo;
    }

    private static void add(String id, String name, String area, String eq, String unit, double lo, double hi,
                            double nlo, double nhi, double rate, double base, double amp, double period,
                            double noise) {
        SIMS.add(new Sim(new ChannelDef(id, name, area, eq, unit, lo, hi, nlo, nhi, rate,
                new ChannelSource(SourceKind.JSON, "plant/" + id.replace('.', '/'), "")), base, amp, period, noise));
    }

    /** 70 minutes of history; Dryer 1 air temperature has a 3-minute gap; Box 2 pH goes silent 40 s ago. */
    private static void history(TelemetryHub hub, long now) {
        for (Sim s : SIMS) {
            long step = (long) s.def().periodMillis();
            for (long t = now - 70 * 60_000L; t <= now; t += step) {
                if (s.def().id().equals("drying.dryer1.air_temp") && t > now - 6 * 60_000 && t < now - 3 * 60_000) {
                    continue;
                }
                if (s.def().id().equals("ferment.box2.ph") && t > now - 40_000) {
                    continue;
                }
                Quality q = s.def().id().equals("winnowing.winnower1.shell_content") ? Quality.BAD : Quality.GOOD;
                hub.accept(s.def().id(), t, s.at(t), q, 0);
            }
        }
    }

    private static void feed(TelemetryHub hub, Clock clock) {
        while (true) {
            long t = clock.millis();
            for (Sim s : SIMS) {
                if (s.def().id().equals("ferment.box2.ph")) {
                    continue;
                }
                Quality q = s.def().id().equals("winnowing.winnower1.shell_content") ? Quality.BAD : Quality.GOOD;
                if (s.def().rateHz() >= 10 || t % 1000 < 100) {
                    hub.accept(s.def().id(), t, s.at(t), q, System.nanoTime());
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
