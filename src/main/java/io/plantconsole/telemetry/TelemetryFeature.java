package io.plantconsole.telemetry;

import io.plantconsole.infra.mqtt.CombinedSource;
import io.plantconsole.infra.mqtt.JsonTelemetryDecoder;
import io.plantconsole.infra.mqtt.MqttSettings;
import io.plantconsole.infra.mqtt.MqttTelemetrySource;
import io.plantconsole.infra.mqtt.sparkplug.PahoRebirthRequester;
import io.plantconsole.infra.mqtt.sparkplug.RebirthRequester;
import io.plantconsole.infra.mqtt.sparkplug.SparkplugHostDecoder;
import io.plantconsole.kernel.identity.Permission;
import io.plantconsole.telemetry.model.ChannelCatalogue;
import io.plantconsole.telemetry.service.IngestPipeline;
import io.plantconsole.telemetry.service.TelemetryHub;
import io.plantconsole.telemetry.service.TelemetrySource;
import io.plantconsole.telemetry.view.DiagnosticsController;
import io.plantconsole.telemetry.view.DiagnosticsViewModel;
import io.plantconsole.telemetry.view.OverviewController;
import io.plantconsole.telemetry.view.OverviewViewModel;
import io.plantconsole.telemetry.view.TelemetryFormat;
import io.plantconsole.telemetry.view.TrendsController;
import io.plantconsole.telemetry.view.TrendsViewModel;
import io.plantconsole.ui.FeatureScreens;
import io.plantconsole.ui.ScreenContext;
import io.plantconsole.ui.ScreenSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The telemetry feature's wiring: the MQTT feeds (plain JSON and Sparkplug B) into the ingest pipeline and the hub,
 * and the Overview, Trends and Diagnostics screens.
 */
public final class TelemetryFeature implements FeatureScreens, AutoCloseable {
    public static final String OVERVIEW = "overview";
    public static final String TRENDS = "trends";
    public static final String DIAGNOSTICS = "diagnostics";
    public static final String STYLESHEET = "/styles/telemetry.css";
    static final int QUEUE_CAPACITY = 200_000;
    static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    /**
     * Where the plant's feeds come from.
     *
     * @param brokerUri      {@code tcp://…} or {@code ssl://…}
     * @param clientId       the persistent session's client id (the Sparkplug session adds {@code -spb})
     * @param password       read from the site's file, or null; never logged
     * @param jsonTopics     topic filters of the plain JSON feed
     * @param jsonPrefix     the prefix mapped away to find a channel id
     * @param sparkplugGroup the Sparkplug B group, or blank for none
     */
    public record Feed(String brokerUri, String clientId, String username, char[] password, int qos,
            List<String> jsonTopics, String jsonPrefix, String sparkplugGroup) {
    }

    private final ChannelCatalogue catalogue;
    private final TelemetryHub hub;
    private final IngestPipeline pipeline;
    private final TelemetrySource source;

    /** Over a hub, pipeline and source built elsewhere (tests, tools). */
    public TelemetryFeature(ChannelCatalogue catalogue, TelemetryHub hub, IngestPipeline pipeline,
            TelemetrySource source) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.hub = Objects.requireNonNull(hub, "hub");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.source = Objects.requireNonNull(source, "source");
    }

    /** Builds the hub, the pipeline and the MQTT clients of {@code feed}; nothing connects until {@link #start()}. */
    public static TelemetryFeature connect(ChannelCatalogue catalogue, Feed feed, Clock clock) {
        TelemetryHub hub = new TelemetryHub(catalogue, clock, TelemetryHub.Settings.defaults());
        RebirthRequester[] rebirth = {(group, node) -> { }};
        SparkplugHostDecoder sparkplug = new SparkplugHostDecoder(catalogue,
                (group, node) -> rebirth[0].requestRebirth(group, node), clock);
        IngestPipeline pipeline = new IngestPipeline(hub, List.of(
                new JsonTelemetryDecoder(catalogue, feed.jsonPrefix(), Duration.ofSeconds(30)), sparkplug),
                clock, QUEUE_CAPACITY, MAX_PAYLOAD_BYTES);
        List<TelemetrySource> sources = new ArrayList<>();
        sources.add(new MqttTelemetrySource(new MqttSettings(feed.brokerUri(), feed.clientId(), feed.username(),
                feed.password(), false, feed.jsonTopics(), feed.qos(), 30, 5), pipeline));
        if (!feed.sparkplugGroup().isBlank()) {
            MqttTelemetrySource spb = new MqttTelemetrySource(new MqttSettings(feed.brokerUri(),
                    feed.clientId() + "-spb", feed.username(), feed.password(), true,
                    List.of("spBv1.0/" + feed.sparkplugGroup() + "/#"), 0, 30, 5), pipeline);
            rebirth[0] = new PahoRebirthRequester(spb.client());
            sources.add(spb);
        }
        return new TelemetryFeature(catalogue, hub, pipeline, new CombinedSource(sources));
    }

    /** Connects the feeds (in the background: start-up never waits for the broker). */
    public void start() {
        source.start();
    }

    public ChannelCatalogue catalogue() {
        return catalogue;
    }

    public TelemetryHub hub() {
        return hub;
    }

    public IngestPipeline pipeline() {
        return pipeline;
    }

    public TelemetrySource source() {
        return source;
    }

    @Override
    public List<ScreenSpec> screens(ScreenContext ctx) {
        TelemetryFormat format = new TelemetryFormat(ctx.clock().getZone());
        return List.of(
                new ScreenSpec(OVERVIEW, "Overview", "Tiles per area", "/fxml/telemetry/Overview.fxml", STYLESHEET,
                        Permission.VIEW_DASHBOARDS, OverviewController.class,
                        () -> new OverviewController(new OverviewViewModel(hub), area -> showAreaTrends(ctx, area))),
                new ScreenSpec(TRENDS, "Trends", "Live and historic pens", "/fxml/telemetry/Trends.fxml", STYLESHEET,
                        Permission.VIEW_DASHBOARDS, TrendsController.class,
                        () -> new TrendsController(new TrendsViewModel(hub, format), ctx.exportDir(),
                                ctx.tasks().lane("exports"))),
                new ScreenSpec(DIAGNOSTICS, "Diagnostics", "Ingest and channel counters",
                        "/fxml/telemetry/Diagnostics.fxml", STYLESHEET, Permission.VIEW_DASHBOARDS,
                        DiagnosticsController.class,
                        () -> new DiagnosticsController(new DiagnosticsViewModel(hub, pipeline, format))));
    }

    /** The Overview's drill-down: Trends with the area's pens. */
    private static void showAreaTrends(ScreenContext ctx, String area) {
        ctx.navigator().controller(TRENDS, TrendsController.class).ifPresent(t -> t.showArea(area));
        ctx.navigator().show(TRENDS);
    }

    @Override
    public void close() {
        source.close();
        pipeline.close();
    }
}
