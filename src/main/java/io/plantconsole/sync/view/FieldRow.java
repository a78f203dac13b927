package io.plantconsole.sync.view;

/**
 * One line of a conflict's comparison: the field, a marker in words ({@link ConflictTexts#CHANGED_MARKER} or
 * {@link ConflictTexts#SAME_MARKER}), and both values as JSON text, {@link ConflictTexts#ABSENT} where a side lacks it.
 */
public record FieldRow(String key, String marker, String localValue, String centralValue, boolean changed) {
}
