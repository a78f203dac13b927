package io.plantconsole.infra.mqtt.sparkplug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantconsole.infra.mqtt.sparkplug.SparkplugTopic.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SparkplugTopicTest {

    @Test
    void aNodeTopicGivesGroupTypeNodeAndPath() {
        SparkplugTopic t = SparkplugTopic.parse("spBv1.0/CocoaPlant/NDATA/Roaster1").orElseThrow();

        assertThat(t.group()).isEqualTo("CocoaPlant");
        assertThat(t.type()).isEqualTo(MessageType.NDATA);
        assertThat(t.edgeNode()).isEqualTo("Roaster1");
        assertThat(t.device()).isNull();
        assertThat(t.path()).isEqualTo("CocoaPlant/Roaster1");
    }

    @Test
    void aDeviceTopicPathIncludesTheDevice() {
        SparkplugTopic t = SparkplugTopic.parse("spBv1.0/CocoaPlant/DBIRTH/Roaster1/Burner").orElseThrow();

        assertThat(t.type()).isEqualTo(MessageType.DBIRTH);
        assertThat(t.device()).isEqualTo("Burner");
        assertThat(t.path()).isEqualTo("CocoaPlant/Roaster1/Burner");
        assertThat(t.nodePath()).isEqualTo("CocoaPlant/Roaster1");
    }

    @Test
    void theHostStateTopicParsesAsState() {
        SparkplugTopic t = SparkplugTopic.parse("spBv1.0/STATE/scada-1").orElseThrow();

        assertThat(t.type()).isEqualTo(MessageType.STATE);
        assertThat(t.edgeNode()).isEqualTo("scada-1");
        assertThat(t.topic()).isEqualTo("spBv1.0/STATE/scada-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "spBv1.0/G/NBIRTH/N", "spBv1.0/G/NDEATH/N", "spBv1.0/G/NDATA/N", "spBv1.0/G/NCMD/N",
        "spBv1.0/G/DBIRTH/N/D", "spBv1.0/G/DDEATH/N/D", "spBv1.0/G/DDATA/N/D", "spBv1.0/G/DCMD/N/D",
        "spBv1.0/G/STATE/N"})
    void everyMessageTypeParsesAndPrintsBackTheSameTopic(String topic) {
        assertThat(SparkplugTopic.parse(topic)).hasValueSatisfying(t -> assertThat(t.topic()).isEqualTo(topic));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "plant/roaster1/bean_temp", "spAv1.0/G/NDATA/N", "spBv1.0/G/NDATA", "spBv1.0/G/NDATA/N/D",
        "spBv1.0/G/DDATA/N", "spBv1.0/G/DDATA/N/D/E", "spBv1.0/G/ndata/N", "spBv1.0/G/XDATA/N",
        "spBv1.0//NDATA/N", "spBv1.0/G/NDATA/", "spBv1.0/G/DDATA/N/", "spBv1.0/STATE/"})
    void malformedTopicsDoNotParse(String topic) {
        assertThat(SparkplugTopic.parse(topic)).isEmpty();
    }

    @Test
    void idsWithWildcardsAreRefused() {
        assertThatThrownBy(() -> SparkplugTopic.node("Cocoa+", MessageType.NCMD, "Roaster1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'+'");
        assertThatThrownBy(() -> SparkplugTopic.device("Cocoa", MessageType.DDATA, "Roaster1", "#"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'#'");
    }

    @Test
    void builtTopicsFollowTheNamespaceLayout() {
        assertThat(SparkplugTopic.node("Cocoa", MessageType.NCMD, "Roaster1").topic())
                .isEqualTo("spBv1.0/Cocoa/NCMD/Roaster1");
        assertThat(SparkplugTopic.device("Cocoa", MessageType.DDEATH, "Roaster1", "Burner").topic())
                .isEqualTo("spBv1.0/Cocoa/DDEATH/Roaster1/Burner");
    }
}
