package io.plantconsole.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteConfigTest {
    @TempDir
    Path dir;

    private Path write(String brokerJson) throws Exception {
        Files.writeString(dir.resolve("pw.txt"), "  s3cret \n");
        Path f = dir.resolve("site.json");
        Files.writeString(f, "{\"broker\":" + brokerJson + ",\"catalogue\":\"channels.json\"}");
        return f;
    }

    @Test
    void aTlsSiteWithAPasswordFileLoads() throws Exception {
        SiteConfig c = SiteConfig.load(write("{\"uri\":\"ssl://broker.plant:8883\",\"clientId\":\"cr-1\","
                + "\"username\":\"console\",\"passwordFile\":\"pw.txt\",\"qos\":1}"));
        assertThat(c.brokerUri()).isEqualTo("ssl://broker.plant:8883");
        assertThat(c.clientId()).isEqualTo("cr-1");
        assertThat(c.readPassword()).containsExactly('s', '3', 'c', 'r', 'e', 't');
        assertThat(c.jsonTopics()).containsExactly("plant/#");
        assertThat(c.catalogue()).isEqualTo(dir.resolve("channels.json"));
    }

    @Test
    void credentialsOverAnUnencryptedRemoteLinkAreRefused() throws Exception {
        Path f = write("{\"uri\":\"tcp://broker.plant:1883\",\"clientId\":\"cr-1\",\"passwordFile\":\"pw.txt\"}");
        assertThatThrownBy(() -> SiteConfig.load(f)).hasMessageContaining("not encrypted");
    }

    @Test
    void aLoopbackBrokerMayUsePlainTcp() throws Exception {
        Path f = write("{\"uri\":\"tcp://127.0.0.1:1883\",\"clientId\":\"cr-1\",\"passwordFile\":\"pw.txt\"}");
        assertThat(SiteConfig.load(f).brokerUri()).isEqualTo("tcp://127.0.0.1:1883");
    }

    @Test
    void missingFieldsAndWrongSchemesAreNamed() throws Exception {
        assertThatThrownBy(() -> SiteConfig.load(write("{\"uri\":\"tcp://127.0.0.1:1883\"}")))
                .hasMessageContaining("\"clientId\" is required");
        assertThatThrownBy(() -> SiteConfig.load(write("{\"uri\":\"http://x\",\"clientId\":\"a\"}")))
                .hasMessageContaining("must start with tcp:// or ssl://");
    }
}
