package io.plantconsole.infra.mqtt.sparkplug;

import java.util.Objects;

/**
 * One scalar metric of a Sparkplug B payload. DataSet, Template, bytes and extension values are not modelled: they
 * decode as {@link ValueField#UNSUPPORTED}.
 *
 * @param name       metric name; null when the message identifies the metric by alias only
 * @param alias      metric alias, or null
 * @param timestamp  metric timestamp in epoch milliseconds, or null
 * @param datatype   {@link SparkplugDataType} code; {@link SparkplugDataType#UNKNOWN} when not sent (DATA messages)
 * @param isNull     the metric explicitly carries no value
 * @param valueField which protobuf value field carried the value
 * @param number     the value of numeric and boolean fields (true = 1), read under {@code datatype} when it was
 *                   sent (see {@link SparkplugDataType#normalize}); NaN for other fields
 * @param text       the value of {@code string_value}, otherwise null
 */
public record SparkplugMetric(String name, Long alias, Long timestamp, int datatype, boolean isNull,
                              ValueField valueField, double number, String text) {

    /** Node metric whose value pairs an NBIRTH with the NDEATH (Will) of the same MQTT session. */
    public static final String BD_SEQ = "bdSeq";
    /** Node command a host sends to ask an edge node for a fresh NBIRTH and DBIRTHs. */
    public static final String NODE_CONTROL_REBIRTH = "Node Control/Rebirth";

    /** The protobuf field a value travels in. */
    public enum ValueField { NONE, INT, LONG, FLOAT, DOUBLE, BOOLEAN, STRING, UNSUPPORTED }

    public SparkplugMetric {
        Objects.requireNonNull(valueField, "valueField");
        if (datatype < 0) {
            throw new IllegalArgumentException("negative datatype " + datatype);
        }
        if (valueField == ValueField.STRING) {
            Objects.requireNonNull(text, "text of a string metric");
        }
    }

    /** A number of a numeric or Boolean datatype, in the value field that datatype travels in. */
    public static SparkplugMetric numeric(String name, Long alias, Long timestamp, int datatype, double value) {
        return new SparkplugMetric(name, alias, timestamp, datatype, false, fieldFor(datatype),
                SparkplugDataType.normalize(datatype, value), null);
    }

    public static SparkplugMetric bool(String name, Long alias, Long timestamp, boolean value) {
        return numeric(name, alias, timestamp, SparkplugDataType.BOOLEAN, value ? 1 : 0);
    }

    public static SparkplugMetric string(String name, Long alias, Long timestamp, String value) {
        return new SparkplugMetric(name, alias, timestamp, SparkplugDataType.STRING, false, ValueField.STRING,
                Double.NaN, value);
    }

    /** A metric of the given type whose value is explicitly unknown ({@code is_null}). */
    public static SparkplugMetric nullOf(String name, Long alias, Long timestamp, int datatype) {
        return new SparkplugMetric(name, alias, timestamp, datatype, true, ValueField.NONE, Double.NaN, null);
    }

    /** This metric as a DATA message carries it: alias and value only, no name and no datatype. */
    public SparkplugMetric aliasOnly() {
        if (alias == null) {
            throw new IllegalStateException("metric '" + name + "' has no alias");
        }
        return new SparkplugMetric(null, alias, timestamp, SparkplugDataType.UNKNOWN, isNull, valueField, number, text);
    }

    public boolean booleanValue() {
        return number != 0 && !Double.isNaN(number);
    }

    /** The name, or {@code #alias} when there is none: for messages. */
    public String label() {
        return name != null ? name : "#" + alias;
    }

    private static ValueField fieldFor(int datatype) {
        if (SparkplugDataType.usesIntField(datatype)) {
            return ValueField.INT;
        }
        if (SparkplugDataType.usesLongField(datatype)) {
            return ValueField.LONG;
        }
        return switch (datatype) {
            case SparkplugDataType.FLOAT -> ValueField.FLOAT;
            case SparkplugDataType.DOUBLE -> ValueField.DOUBLE;
            case SparkplugDataType.BOOLEAN -> ValueField.BOOLEAN;
            default -> throw new IllegalArgumentException(
                    SparkplugDataType.name(datatype) + " is not a numeric or Boolean datatype");
        };
    }
}
