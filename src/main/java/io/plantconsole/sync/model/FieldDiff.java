package io.plantconsole.sync.model;

import java.util.Objects;

/**
 * One top-level field of a record, compared between the console's payload and the centre's.
 *
 * @param key          the JSON key
 * @param localValue   the console's value as compact JSON text; {@code null} when the key is absent locally
 * @param centralValue the centre's value as compact JSON text; {@code null} when the key is absent centrally
 * @param changed      whether the two values differ (absent on one side counts as different)
 */
public record FieldDiff(String key, String localValue, String centralValue, boolean changed) {

    public FieldDiff {
        Objects.requireNonNull(key, "key");
    }
}
