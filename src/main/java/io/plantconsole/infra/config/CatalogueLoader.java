package io.plantconsole.infra.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plantconsole.telemetry.model.ChannelCatalogue;
import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.model.ChannelSource;
import io.plantconsole.telemetry.model.SourceKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a channel catalogue file (JSON, format in README "Channel catalogue"). Errors name the entry and field.
 */
public final class CatalogueLoader {
    /** The demo plant's catalogue, shipped with the console. */
    public static final String DEMO_RESOURCE = "/io/plantconsole/sim/demo-channels.json";

    private final ObjectMapper mapper = new ObjectMapper();

    public ChannelCatalogue load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read channel catalogue " + file + ": " + e.getMessage(), e);
        }
    }

    public ChannelCatalogue loadDemo() {
        try (InputStream in = CatalogueLoader.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("demo catalogue missing from the classpath: " + DEMO_RESOURCE);
            }
            return parse(in, DEMO_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ChannelCatalogue parse(InputStream in, String origin) throws IOException {
        JsonNode root = mapper.readTree(in);
        JsonNode list = root == null ? null : root.get("channels");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(origin + ": expected an object with a \"channels\" array");
        }
        List<ChannelDef> channels = new ArrayList<>();
        int index = 0;
        for (JsonNode n : list) {
            String where = origin + " channel #" + index++;
            String id = text(n, "id", where);
            where = origin + " channel '" + id + "'";
            JsonNode src = n.get("source");
            if (src == null || !src.isObject()) {
                throw new IllegalArgumentException(where + ": missing \"source\" object");
            }
            SourceKind kind = SourceKind.valueOf(text(src, "kind", where).toUpperCase(Locale.ROOT));
            ChannelSource source = new ChannelSource(kind, text(src, "topic", where),
                    src.hasNonNull("metric") ? src.get("metric").asText() : "");
            double[] range = pair(n, "range", where);
            double[] normal = n.has("normal") ? pair(n, "normal", where) : range;
            channels.add(new ChannelDef(id, text(n, "name", where), text(n, "area", where),
                    n.hasNonNull("equipment") ? n.get("equipment").asText() : "", text(n, "unit", where),
                    range[0], range[1], normal[0], normal[1], number(n, "rateHz", where), source));
        }
        return new ChannelCatalogue(channels);
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": \"" + field + "\" must be a non-empty string");
        }
        return v.asText();
    }

    private static double number(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException(where + ": \"" + field + "\" must be a number");
        }
        return v.asDouble();
    }

    private static double[] pair(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray() || v.size() != 2 || !v.get(0).isNumber() || !v.get(1).isNumber()) {
            throw new IllegalArgumentException(where + ": \"" + field + "\" must be [low, high]");
        }
        return new double[] {v.get(0).asDouble(), v.get(1).asDouble()};
    }
}
