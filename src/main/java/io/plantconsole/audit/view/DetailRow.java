package io.plantconsole.audit.view;

/** One line of the Audit screen's detail pane: a field of the selected event and its value in words. */
public record DetailRow(String field, String value) {
}
