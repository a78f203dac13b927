package io.plantconsole.infra.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.plantconsole.telemetry.model.Quality;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainSampleReaderTest {
    private final PlainSampleReader reader = new PlainSampleReader();

    private boolean read(String payload) {
        return reader.read(payload.getBytes(UTF_8));
    }

    @Test
    void readsThePlainFormInAnyKeyOrderWithWhitespace() {
        assertThat(read("{\"ts\":1764000000000,\"value\":182.25,\"seq\":41}")).isTrue();
        assertThat(reader.ts()).isEqualTo(1_764_000_000_000L);
        assertThat(reader.value()).isEqualTo(182.25);
        assertThat(reader.hasSeq()).isTrue();
        assertThat(reader.seq()).isEqualTo(41);
        assertThat(reader.quality()).isEqualTo(Quality.GOOD);

        assertThat(read(" {\n\t\"quality\" : \"bad\" ,\r\n\"value\":-0.05, \"ts\":7 } ")).isTrue();
        assertThat(reader.value()).isEqualTo(-0.05);
        assertThat(reader.quality()).isEqualTo(Quality.BAD);
        assertThat(reader.hasSeq()).isFalse();
    }

    @Test
    void roundsNumbersExactlyAsParseDoubleDoes() {
        for (String n : new String[] {"0.1", "182.3", "-273.15", "9007199254740993", "0.30000000000000004", "1e-7",
            "6.02214076E23", "123456789012345678", "0.000123456789012345678", "-0.0"}) {
            assertThat(read("{\"ts\":1,\"value\":" + n + "}")).as(n).isTrue();
            assertThat(Double.doubleToRawLongBits(reader.value())).as(n)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(n)));
        }
        assertThat(read("{\"ts\":1,\"value\":-0}")).isTrue();
        assertThat(Double.doubleToRawLongBits(reader.value())).as("an integer -0 is 0").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "[]", "{}", "{\"ts\":1}", "{\"value\":1}", "{\"ts\":0,\"value\":1}", "{\"ts\":-1,\"value\":1}",
        "{\"ts\":1.0,\"value\":1}", "{\"ts\":1e3,\"value\":1}", "{\"ts\":01,\"value\":1}",
        "{\"ts\":1234567890123456789,\"value\":1}", "{\"ts\":1,\"value\":01}", "{\"ts\":1,\"value\":1.}",
        "{\"ts\":1,\"value\":.5}", "{\"ts\":1,\"value\":+1}", "{\"ts\":1,\"value\":1e}", "{\"ts\":1,\"value\":NaN}",
        "{\"ts\":1,\"value\":1e400}", "{\"ts\":1,\"value\":\"1\"}", "{\"ts\":1,\"value\":null}",
        "{\"ts\":1,\"value\":1,\"value\":2}", "{\"ts\":1,\"value\":1,}", "{\"ts\":1,\"value\":1} x",
        "{\"ts\":1,\"value\":1}}", "{\"ts\":1,\"value\":1,\"unit\":\"C\"}", "{\"ts\":1,\"value\":1,\"samples\":[]}",
        "{\"ts\":1,\"value\":1,\"quality\":\"meh\"}", "{\"ts\":1,\"value\":1,\"quality\":\"go\\u006fd\"}",
        "{\"ts\":1,\"value\":1,\"seq\":1.5}", "{\"ts\":1,\"value\":1,\"seq\":\"1\"}", "{\"\\u0074s\":1,\"value\":1}",
        "\uFEFF{\"ts\":1,\"value\":1}", "{\"ts\":1,\"value\":1\f}", "{\"ts\":1,\"value\":123456789012345678901234567890123}",
        "{\"ts\":1 \"value\":1}", "{\"ts\" 1,\"value\":1}"})
    void leavesEverythingElseToJackson(String payload) {
        assertThat(read(payload)).isFalse();
    }
}
