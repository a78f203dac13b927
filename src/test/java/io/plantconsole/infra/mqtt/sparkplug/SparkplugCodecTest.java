package io.plantconsole.infra.mqtt.sparkplug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.plantconsole.infra.mqtt.sparkplug.SparkplugCodec.MalformedPayloadException;
import io.plantconsole.infra.mqtt.sparkplug.SparkplugMetric.ValueField;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SparkplugCodecTest {
    private static final long T = 1_764_000_000_123L;

    static Stream<Arguments> scalarValues() {
        return Stream.of(
                Arguments.of(SparkplugDataType.INT8, -5.0),
                Arguments.of(SparkplugDataType.INT16, -30_000.0),
                Arguments.of(SparkplugDataType.INT32, -2_000_000_000.0),
                Arguments.of(SparkplugDataType.INT64, -5_000_000_000_000.0),
                Arguments.of(SparkplugDataType.UINT8, 250.0),
                Arguments.of(SparkplugDataType.UINT16, 65_000.0),
                Arguments.of(SparkplugDataType.UINT32, 4_000_000_000.0),
                Arguments.of(SparkplugDataType.UINT64, 1.8e19),
                Arguments.of(SparkplugDataType.FLOAT, 1.5),
                Arguments.of(SparkplugDataType.DOUBLE, 182.25),
                Arguments.of(SparkplugDataType.BOOLEAN, 1.0),
                Arguments.of(SparkplugDataType.DATETIME, (double) T));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("scalarValues")
    void everyScalarDatatypeSurvivesARoundTrip(int datatype, double value) throws Exception {
        SparkplugMetric metric = SparkplugMetric.numeric("Roaster/Value", 7L, T, datatype, value);
        SparkplugPayload payload = new SparkplugPayload(T, 42L, List.of(metric));

        SparkplugPayload decoded = SparkplugCodec.decode(SparkplugCodec.encode(payload));

        assertThat(decoded).isEqualTo(payload);
        assertThat(decoded.metrics().get(0).number()).isEqualTo(value);
    }

    @Test
    void stringsBooleansAndNullsSurviveARoundTrip() throws Exception {
        SparkplugPayload payload = new SparkplugPayload(T, 0L, List.of(
                SparkplugMetric.string("Recipe", 1L, T, "Criollo dark — 135 °C"),
                SparkplugMetric.bool("Running", 2L, T, false),
                SparkplugMetric.nullOf("Drum Temp", 3L, T, SparkplugDataType.DOUBLE)));

        SparkplugPayload decoded = SparkplugCodec.decode(SparkplugCodec.encode(payload));

        assertThat(decoded).isEqualTo(payload);
        assertThat(decoded.metrics().get(2).isNull()).isTrue();
        assertThat(decoded.metrics().get(2).valueField()).isEqualTo(ValueField.NONE);
    }

    @Test
    void fieldsUseTheNumbersOfSparkplugBProto() {
        SparkplugPayload payload = new SparkplugPayload(1L, 3L,
                List.of(SparkplugMetric.numeric("a", 2L, null, SparkplugDataType.DOUBLE, 1.0)));

        // timestamp=1 (tag 08), metrics=2 (12, 16 bytes: name=1 "a", alias=2, datatype=4 Double, double_value=13),
        // seq=3 (18)
        assertThat(HexFormat.of().formatHex(SparkplugCodec.encode(payload)))
                .isEqualTo("0801" + "1210" + "0a0161" + "1002" + "200a" + "69000000000000f03f" + "1803");
    }

    @Test
    void anAliasOnlyDataMetricCarriesNeitherNameNorDatatype() throws Exception {
        SparkplugMetric data = SparkplugMetric.numeric("Drum Temp", 9L, T, SparkplugDataType.DOUBLE, 181.5).aliasOnly();

        SparkplugMetric decoded = SparkplugCodec.decode(SparkplugCodec.encode(
                new SparkplugPayload(T, 1L, List.of(data)))).metrics().get(0);

        assertThat(decoded.name()).isNull();
        assertThat(decoded.datatype()).isEqualTo(SparkplugDataType.UNKNOWN);
        assertThat(decoded.alias()).isEqualTo(9L);
        assertThat(decoded.valueField()).isEqualTo(ValueField.DOUBLE);
        assertThat(decoded.number()).isEqualTo(181.5);
    }

    @Test
    void aSignedValueWithoutDatatypeReadsUnderTheBirthDatatype() throws Exception {
        byte[] bytes = message(p -> p.writeByteArray(2, message(m -> {
            m.writeUInt64(2, 5);
            m.writeUInt32(10, -1);
        })));

        SparkplugMetric decoded = SparkplugCodec.decode(bytes).metrics().get(0);

        assertThat(decoded.valueField()).isEqualTo(ValueField.INT);
        assertThat(decoded.number()).isEqualTo(4_294_967_295.0);
        assertThat(SparkplugDataType.normalize(SparkplugDataType.INT8, decoded.number())).isEqualTo(-1);
        assertThat(SparkplugDataType.normalize(SparkplugDataType.UINT8, decoded.number())).isEqualTo(255);
        assertThat(SparkplugDataType.normalize(SparkplugDataType.INT32, decoded.number())).isEqualTo(-1);
    }

    @Test
    void unknownAndUnusedFieldsAreSkipped() throws Exception {
        byte[] bytes = message(p -> {
            p.writeUInt64(1, T);
            p.writeUInt64(99, 12345);
            p.writeString(4, "uuid-1");
            p.writeBytes(5, ByteString.copyFrom(new byte[] {1, 2, 3}));
            p.writeByteArray(2, message(m -> {
                m.writeString(1, "Drum Temp");
                m.writeBool(5, false);
                m.writeByteArray(8, message(meta -> meta.writeString(9, "text/plain")));
                m.writeByteArray(9, message(props -> props.writeString(1, "engUnit")));
                m.writeFixed32(40, 7);
                m.writeFixed64(41, 8);
                m.writeTag(50, WireFormat.WIRETYPE_START_GROUP);
                m.writeUInt64(1, 1);
                m.writeTag(50, WireFormat.WIRETYPE_END_GROUP);
                m.writeString(10, "a known field number with the wrong wire type");
                m.writeUInt32(4, SparkplugDataType.DOUBLE);
                m.writeDouble(13, 181.25);
            }));
            p.writeFixed32(6, 1);
            p.writeUInt64(3, 17);
        });

        SparkplugPayload decoded = SparkplugCodec.decode(bytes);

        assertThat(decoded).isEqualTo(new SparkplugPayload(T, 17L,
                List.of(SparkplugMetric.numeric("Drum Temp", null, null, SparkplugDataType.DOUBLE, 181.25))));
    }

    @Test
    void aDataSetValueDecodesAsUnsupportedAndCannotBeEncoded() throws Exception {
        byte[] bytes = message(p -> p.writeByteArray(2, message(m -> {
            m.writeString(1, "Table");
            m.writeUInt32(4, 16);
            m.writeByteArray(17, new byte[] {8, 2});
        })));

        SparkplugMetric decoded = SparkplugCodec.decode(bytes).metrics().get(0);

        assertThat(decoded.valueField()).isEqualTo(ValueField.UNSUPPORTED);
        assertThatThrownBy(() -> SparkplugCodec.encode(new SparkplugPayload(T, 0L, List.of(decoded))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Table'");
    }

    @Test
    void aTruncatedPayloadIsRejectedWithAClearMessage() {
        byte[] whole = SparkplugCodec.encode(new SparkplugPayload(T, 1L,
                List.of(SparkplugMetric.numeric("Drum Temp", 1L, T, SparkplugDataType.DOUBLE, 180))));
        byte[] cut = Arrays.copyOf(whole, whole.length - 6);

        assertThatThrownBy(() -> SparkplugCodec.decode(cut))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("invalid protobuf at byte")
                .hasMessageContaining("ended unexpectedly");
    }

    @Test
    void aMetricLongerThanThePayloadIsRejected() {
        byte[] bytes = {0x12, 0x40, 0x0a, 0x01, 0x61};

        assertThatThrownBy(() -> SparkplugCodec.decode(bytes))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("of 5");
    }

    @Test
    void aZeroTagIsRejected() {
        assertThatThrownBy(() -> SparkplugCodec.decode(new byte[] {0x00, 0x01}))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("invalid tag");
    }

    @Test
    void invalidUtf8InANameIsRejected() throws Exception {
        byte[] bytes = message(p -> p.writeByteArray(2, message(m ->
                m.writeBytes(1, ByteString.copyFrom(new byte[] {(byte) 0xC3, 0x28})))));

        assertThatThrownBy(() -> SparkplugCodec.decode(bytes))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("name of metric #0 is not valid UTF-8");
    }

    @Test
    void inputOverTheLimitsIsRejected() throws Exception {
        byte[] longName = message(p -> p.writeByteArray(2, message(m -> m.writeString(1, "x".repeat(2000)))));
        byte[] manyMetrics = message(p -> {
            for (int i = 0; i <= SparkplugCodec.MAX_METRICS; i++) {
                p.writeByteArray(2, new byte[0]);
            }
        });

        assertThatThrownBy(() -> SparkplugCodec.decode(new byte[SparkplugCodec.MAX_PAYLOAD_BYTES + 1]))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("exceeds the limit");
        assertThatThrownBy(() -> SparkplugCodec.decode(longName))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("2000 bytes long");
        assertThatThrownBy(() -> SparkplugCodec.decode(manyMetrics))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("more than 10000 metrics");
        assertThatThrownBy(() -> SparkplugCodec.decode(null))
                .isInstanceOf(MalformedPayloadException.class).hasMessage("no payload");
    }

    @Test
    void anEmptyPayloadIsValidAndEmpty() throws Exception {
        assertThat(SparkplugCodec.decode(new byte[0])).isEqualTo(new SparkplugPayload(null, null, List.of()));
    }

    private interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    /** Raw protobuf, for input the codec itself would never write. */
    private static byte[] message(Writer w) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        w.write(out);
        out.flush();
        return bytes.toByteArray();
    }
}
