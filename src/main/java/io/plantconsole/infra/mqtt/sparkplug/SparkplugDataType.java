package io.plantconsole.infra.mqtt.sparkplug;

/**
 * Sparkplug B datatype codes (the {@code DataType} enum of {@code sparkplug_b.proto}) for scalar metrics, and how a
 * value carried in a protobuf value field reads under each of them.
 */
public final class SparkplugDataType {
    /** Not sent: a spec-conformant DATA message omits the datatype, which the BIRTH declared. */
    public static final int UNKNOWN = 0;
    public static final int INT8 = 1;
    public static final int INT16 = 2;
    public static final int INT32 = 3;
    public static final int INT64 = 4;
    public static final int UINT8 = 5;
    public static final int UINT16 = 6;
    public static final int UINT32 = 7;
    public static final int UINT64 = 8;
    public static final int FLOAT = 9;
    public static final int DOUBLE = 10;
    public static final int BOOLEAN = 11;
    public static final int STRING = 12;
    public static final int DATETIME = 13;
    public static final int TEXT = 14;
    public static final int UUID = 15;

    private static final double TWO_POW_64 = 18446744073709551616.0;
    private static final String[] NAMES = {"Unknown", "Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32",
        "UInt64", "Float", "Double", "Boolean", "String", "DateTime", "Text", "UUID"};

    private SparkplugDataType() {
    }

    /** Types carried in the 32-bit {@code int_value} field. */
    public static boolean usesIntField(int datatype) {
        return datatype == INT8 || datatype == INT16 || datatype == INT32 || datatype == UINT8 || datatype == UINT16
                || datatype == UINT32;
    }

    /** Types carried in the 64-bit {@code long_value} field. */
    public static boolean usesLongField(int datatype) {
        return datatype == INT64 || datatype == UINT64 || datatype == DATETIME;
    }

    public static boolean isTextual(int datatype) {
        return datatype == STRING || datatype == TEXT || datatype == UUID;
    }

    /** Whether a value of this type reads as a number (booleans as 0 and 1). */
    public static boolean isNumeric(int datatype) {
        return usesIntField(datatype) || usesLongField(datatype) || datatype == FLOAT || datatype == DOUBLE
                || datatype == BOOLEAN;
    }

    public static String name(int datatype) {
        return datatype >= 0 && datatype < NAMES.length ? NAMES[datatype] : "DataType(" + datatype + ")";
    }

    /**
     * Reads a raw number under a datatype: the wire carries signed integers as two's complement in an unsigned field,
     * so {@code int_value} 4294967295 is -1 as an Int8 and 255 as a UInt8. Idempotent; {@link #UNKNOWN} and
     * floating types leave the number as it is.
     */
    public static double normalize(int datatype, double raw) {
        return switch (datatype) {
            case INT8 -> (byte) (long) raw;
            case INT16 -> (short) (long) raw;
            case INT32 -> (int) (long) raw;
            case UINT8 -> (long) raw & 0xFFL;
            case UINT16 -> (long) raw & 0xFFFFL;
            case UINT32 -> (long) raw & 0xFFFF_FFFFL;
            case UINT64 -> raw < 0 ? raw + TWO_POW_64 : raw;
            case BOOLEAN -> raw != 0 ? 1 : 0;
            default -> raw;
        };
    }

    /** The 64 bits to put in {@code long_value} for a number, UInt64 values above 2^63 included. */
    static long toLongBits(double value) {
        return value >= 9.223372036854775807E18 ? (long) (value - TWO_POW_64) : (long) value;
    }
}
