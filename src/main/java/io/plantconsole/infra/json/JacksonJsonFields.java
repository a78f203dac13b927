package io.plantconsole.infra.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantconsole.sync.service.JsonFields;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link JsonFields} with Jackson. Canonical form: nested object keys sorted, compact, numbers as plain decimals
 * without trailing zeros (so {@code 1.50}, {@code 1.5} and {@code 15E-1} are equal, as PostgreSQL's {@code jsonb}
 * may respell them). Thread-safe.
 */
public final class JacksonJsonFields implements JsonFields {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Override
    public Map<String, String> topLevel(String json) {
        JsonNode root = parse(json);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            fields.put(f.getKey(), write(canonical(f.getValue())));
        }
        return fields;
    }

    @Override
    public String canonical(String json) {
        JsonNode root = parse(json);
        return root == null ? json : write(canonical(root));
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            return n == null || n.isMissingNode() ? null : n;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static JsonNode canonical(JsonNode n) {
        if (n.isObject()) {
            List<String> keys = new ArrayList<>();
            n.fieldNames().forEachRemaining(keys::add);
            Collections.sort(keys);
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            for (String k : keys) {
                o.set(k, canonical(n.get(k)));
            }
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            n.forEach(e -> a.add(canonical(e)));
            return a;
        }
        if (n.isNumber()) {
            BigDecimal d = n.decimalValue().stripTrailingZeros();
            return DecimalNode.valueOf(d.scale() < 0 ? d.setScale(0) : d);
        }
        return n;
    }

    private static String write(JsonNode n) {
        if (n.isNumber()) {
            return n.decimalValue().toPlainString();
        }
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
