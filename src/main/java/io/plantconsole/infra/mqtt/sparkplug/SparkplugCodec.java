package io.plantconsole.infra.mqtt.sparkplug;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.plantconsole.infra.mqtt.sparkplug.SparkplugMetric.ValueField;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written protobuf codec for the {@code Payload} message of {@code sparkplug_b.proto} (Sparkplug B 3.0), scalar
 * metrics only. Fields the console does not use (uuid, body, metadata, properties, DataSet, Template, extensions)
 * and unknown fields are skipped, as protobuf does; a known field arriving with another wire type is skipped too.
 * Input is bounded ({@value #MAX_PAYLOAD_BYTES} bytes, {@value #MAX_METRICS} metrics, {@value #MAX_NAME_BYTES}-byte
 * names, {@value #MAX_STRING_BYTES}-byte strings). Stateless and thread-safe.
 */
public final class SparkplugCodec {
    public static final int MAX_PAYLOAD_BYTES = 1024 * 1024;
    public static final int MAX_METRICS = 10_000;
    public static final int MAX_NAME_BYTES = 1024;
    public static final int MAX_STRING_BYTES = 64 * 1024;

    private static final int PAYLOAD_TIMESTAMP = 1;
    private static final int PAYLOAD_METRICS = 2;
    private static final int PAYLOAD_SEQ = 3;

    private static final int METRIC_NAME = 1;
    private static final int METRIC_ALIAS = 2;
    private static final int METRIC_TIMESTAMP = 3;
    private static final int METRIC_DATATYPE = 4;
    private static final int METRIC_IS_NULL = 7;
    private static final int METRIC_INT_VALUE = 10;
    private static final int METRIC_LONG_VALUE = 11;
    private static final int METRIC_FLOAT_VALUE = 12;
    private static final int METRIC_DOUBLE_VALUE = 13;
    private static final int METRIC_BOOLEAN_VALUE = 14;
    private static final int METRIC_STRING_VALUE = 15;
    private static final int METRIC_BYTES_VALUE = 16;
    private static final int METRIC_EXTENSION_VALUE = 19;

    /** The bytes are not a Sparkplug B payload the console can read; the message says where and why. */
    public static final class MalformedPayloadException extends Exception {
        private static final long serialVersionUID = 1L;

        public MalformedPayloadException(String message, Throwable cause) {
            super(message, cause);
        }

        public MalformedPayloadException(String message) {
            super(message);
        }
    }

    private SparkplugCodec() {
    }

    /**
     * Encodes a payload. Any thread.
     *
     * @throws IllegalArgumentException for a metric whose value cannot be encoded ({@link ValueField#UNSUPPORTED})
     */
    public static byte[] encode(SparkplugPayload payload) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 48 * payload.metrics().size());
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            if (payload.timestamp() != null) {
                out.writeUInt64(PAYLOAD_TIMESTAMP, payload.timestamp());
            }
            for (SparkplugMetric m : payload.metrics()) {
                out.writeByteArray(PAYLOAD_METRICS, encodeMetric(m));
            }
            if (payload.seq() != null) {
                out.writeUInt64(PAYLOAD_SEQ, payload.seq());
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to memory", e);
        }
    }

    private static byte[] encodeMetric(SparkplugMetric m) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(48);
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        if (m.name() != null) {
            out.writeString(METRIC_NAME, m.name());
        }
        if (m.alias() != null) {
            out.writeUInt64(METRIC_ALIAS, m.alias());
        }
        if (m.timestamp() != null) {
            out.writeUInt64(METRIC_TIMESTAMP, m.timestamp());
        }
        if (m.datatype() != SparkplugDataType.UNKNOWN) {
            out.writeUInt32(METRIC_DATATYPE, m.datatype());
        }
        if (m.isNull()) {
            out.writeBool(METRIC_IS_NULL, true);
        }
        switch (m.valueField()) {
            case NONE -> { }
            case INT -> out.writeUInt32(METRIC_INT_VALUE, (int) (long) m.number());
            case LONG -> out.writeUInt64(METRIC_LONG_VALUE, SparkplugDataType.toLongBits(m.number()));
            case FLOAT -> out.writeFloat(METRIC_FLOAT_VALUE, (float) m.number());
            case DOUBLE -> out.writeDouble(METRIC_DOUBLE_VALUE, m.number());
            case BOOLEAN -> out.writeBool(METRIC_BOOLEAN_VALUE, m.booleanValue());
            case STRING -> out.writeString(METRIC_STRING_VALUE, m.text());
            case UNSUPPORTED -> throw new IllegalArgumentException(
                    "metric '" + m.label() + "' has a value type this codec cannot encode");
        }
        out.flush();
        return bytes.toByteArray();
    }

    /**
     * Decodes a payload. Any thread.
     *
     * @throws MalformedPayloadException for truncated or invalid protobuf, invalid UTF-8, or input over the limits
     */
    public static SparkplugPayload decode(byte[] bytes) throws MalformedPayloadException {
        if (bytes == null) {
            throw new MalformedPayloadException("no payload");
        }
        if (bytes.length > MAX_PAYLOAD_BYTES) {
            throw new MalformedPayloadException("payload of " + bytes.length + " bytes exceeds the limit of "
                    + MAX_PAYLOAD_BYTES);
        }
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        try {
            Long timestamp = null;
            Long seq = null;
            List<SparkplugMetric> metrics = new ArrayList<>();
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                int field = WireFormat.getTagFieldNumber(tag);
                int wireType = WireFormat.getTagWireType(tag);
                if (field == PAYLOAD_TIMESTAMP && wireType == WireFormat.WIRETYPE_VARINT) {
                    timestamp = in.readUInt64();
                } else if (field == PAYLOAD_SEQ && wireType == WireFormat.WIRETYPE_VARINT) {
                    seq = in.readUInt64();
                } else if (field == PAYLOAD_METRICS && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    if (metrics.size() == MAX_METRICS) {
                        throw new MalformedPayloadException("more than " + MAX_METRICS + " metrics");
                    }
                    metrics.add(decodeMetric(in, metrics.size()));
                } else if (!in.skipField(tag)) {
                    throw new MalformedPayloadException("unexpected end-group tag at byte " + in.getTotalBytesRead());
                }
            }
            return new SparkplugPayload(timestamp, seq, metrics);
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedPayloadException("invalid protobuf at byte " + in.getTotalBytesRead() + " of "
                    + bytes.length + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MalformedPayloadException("unreadable payload: " + e.getMessage(), e);
        }
    }

    private static SparkplugMetric decodeMetric(CodedInputStream in, int index)
            throws IOException, MalformedPayloadException {
        int length = in.readRawVarint32();
        int outerLimit = in.pushLimit(length);
        String name = null;
        Long alias = null;
        Long timestamp = null;
        int datatype = SparkplugDataType.UNKNOWN;
        boolean isNull = false;
        ValueField field = ValueField.NONE;
        double number = Double.NaN;
        String text = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int fieldNumber = WireFormat.getTagFieldNumber(tag);
            int wireType = WireFormat.getTagWireType(tag);
            boolean varint = wireType == WireFormat.WIRETYPE_VARINT;
            if (fieldNumber == METRIC_NAME && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                name = readString(in, MAX_NAME_BYTES, "name of metric #" + index);
            } else if (fieldNumber == METRIC_ALIAS && varint) {
                alias = in.readUInt64();
            } else if (fieldNumber == METRIC_TIMESTAMP && varint) {
                timestamp = in.readUInt64();
            } else if (fieldNumber == METRIC_DATATYPE && varint) {
                datatype = in.readUInt32();
                if (datatype < 0) {
                    throw new MalformedPayloadException("metric #" + index + " has datatype "
                            + Integer.toUnsignedLong(datatype));
                }
            } else if (fieldNumber == METRIC_IS_NULL && varint) {
                isNull = in.readBool();
            } else if (fieldNumber == METRIC_INT_VALUE && varint) {
                field = ValueField.INT;
                number = Integer.toUnsignedLong(in.readUInt32());
                text = null;
            } else if (fieldNumber == METRIC_LONG_VALUE && varint) {
                field = ValueField.LONG;
                number = in.readUInt64();
                text = null;
            } else if (fieldNumber == METRIC_FLOAT_VALUE && wireType == WireFormat.WIRETYPE_FIXED32) {
                field = ValueField.FLOAT;
                number = in.readFloat();
                text = null;
            } else if (fieldNumber == METRIC_DOUBLE_VALUE && wireType == WireFormat.WIRETYPE_FIXED64) {
                field = ValueField.DOUBLE;
                number = in.readDouble();
                text = null;
            } else if (fieldNumber == METRIC_BOOLEAN_VALUE && varint) {
                field = ValueField.BOOLEAN;
                number = in.readBool() ? 1 : 0;
                text = null;
            } else if (fieldNumber == METRIC_STRING_VALUE && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                field = ValueField.STRING;
                number = Double.NaN;
                text = readString(in, MAX_STRING_BYTES, "string value of metric #" + index);
            } else {
                if (fieldNumber >= METRIC_BYTES_VALUE && fieldNumber <= METRIC_EXTENSION_VALUE) {
                    field = ValueField.UNSUPPORTED;
                    number = Double.NaN;
                    text = null;
                }
                if (!in.skipField(tag)) {
                    throw new MalformedPayloadException("unexpected end-group tag in metric #" + index);
                }
            }
        }
        in.popLimit(outerLimit);
        if (datatype != SparkplugDataType.UNKNOWN && field != ValueField.STRING && field != ValueField.NONE
                && field != ValueField.UNSUPPORTED) {
            number = SparkplugDataType.normalize(datatype, number);
        }
        return new SparkplugMetric(name, alias, timestamp, datatype, isNull, field, number, text);
    }

    private static String readString(CodedInputStream in, int maxBytes, String what)
            throws IOException, MalformedPayloadException {
        int size = in.readRawVarint32();
        if (size < 0 || size > maxBytes) {
            throw new MalformedPayloadException(what + " is " + Integer.toUnsignedLong(size)
                    + " bytes long, the limit is " + maxBytes);
        }
        byte[] raw = in.readRawBytes(size);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedPayloadException(what + " is not valid UTF-8");
        }
    }
}
