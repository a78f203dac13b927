package io.plantconsole.infra.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the flat JSON objects (string values) that audit events carry as old and new values. */
public final class StringMaps {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, JsonNode>> TYPE = new TypeReference<>() { };

    private StringMaps() {
    }

    /** The object as a map; {@code null} or JSON {@code null} give {@code null}. Non-string values keep their JSON text. */
    public static Map<String, String> parse(String json) {
        if (json == null || json.isBlank() || "null".equals(json.strip())) {
            return null;
        }
        try {
            Map<String, JsonNode> raw = MAPPER.readValue(json, TYPE);
            Map<String, String> out = new LinkedHashMap<>();
            raw.forEach((k, v) -> out.put(k, v == null || v.isNull() ? null : v.isTextual() ? v.asText() : v.toString()));
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
