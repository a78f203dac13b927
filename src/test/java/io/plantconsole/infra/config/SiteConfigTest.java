package io.plantconsole.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.plantconsole.kernel.identity.Role;
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

    private Path writeWithCentral(String centralJson) throws Exception {
        Files.writeString(dir.resolve("central-pw.txt"), " pg-pass\n");
        Path f = dir.resolve("site.json");
        Files.writeString(f, "{\"broker\":{\"uri\":\"tcp://127.0.0.1:1883\",\"clientId\":\"cr-1\"},"
                + "\"catalogue\":\"channels.json\",\"central\":" + centralJson + "}");
        return f;
    }

    @Test
    void aSiteWithoutACentralSectionHasNoCentralDatabase() throws Exception {
        SiteConfig c = SiteConfig.load(write("{\"uri\":\"tcp://127.0.0.1:1883\",\"clientId\":\"cr-1\"}"));
        assertThat(c.centralConfig()).isEmpty();
    }

    @Test
    void aCentralSectionLoadsWithPathsRelativeToTheFileAndVerifyFullByDefault() throws Exception {
        SiteConfig c = SiteConfig.load(writeWithCentral("{\"url\":\"jdbc:postgresql://db.plant:5432/plant\","
                + "\"user\":\"console\",\"passwordFile\":\"central-pw.txt\",\"sslRootCert\":\"certs/ca.crt\"}"));
        SiteConfig.CentralConfig central = c.centralConfig().orElseThrow();
        assertThat(central.url()).isEqualTo("jdbc:postgresql://db.plant:5432/plant");
        assertThat(central.user()).isEqualTo("console");
        assertThat(central.sslMode()).isEqualTo("verify-full");
        assertThat(central.sslRootCert()).isEqualTo(dir.resolve("certs/ca.crt"));
        assertThat(central.passwordFile()).isEqualTo(dir.resolve("central-pw.txt"));
        assertThat(central.readPassword()).containsExactly('p', 'g', '-', 'p', 'a', 's', 's');
        assertThat(central.toString()).doesNotContain("pg-pass");
    }

    @Test
    void aCentralSectionMayChooseItsSslModeAndOmitTheRootCertificate() throws Exception {
        SiteConfig.CentralConfig central = SiteConfig.load(writeWithCentral("{\"url\":\"jdbc:postgresql://db/p\","
                + "\"user\":\"u\",\"passwordFile\":\"central-pw.txt\",\"sslMode\":\"verify-ca\"}"))
                .centralConfig().orElseThrow();
        assertThat(central.sslMode()).isEqualTo("verify-ca");
        assertThat(central.sslRootCert()).isNull();
    }

    @Test
    void aRemoteCentreMustBeVerifiedAWeakerSslModeIsRefusedInWords() throws Exception {
        for (String mode : new String[] {"require", "prefer", "allow", "disable"}) {
            Path weak = writeWithCentral("{\"url\":\"jdbc:postgresql://db.plant:5432/p\",\"user\":\"u\","
                    + "\"passwordFile\":\"central-pw.txt\",\"sslMode\":\"" + mode + "\"}");
            assertThatThrownBy(() -> SiteConfig.load(weak)).hasMessageContaining("sslmode=" + mode
                    + " does not verify the server's certificate").hasMessageContaining("verify-full");
        }
        Path inUrl = writeWithCentral("{\"url\":\"jdbc:postgresql://db.plant:5432/p?sslmode=require\","
                + "\"user\":\"u\",\"passwordFile\":\"central-pw.txt\",\"sslMode\":\"verify-full\"}");
        assertThatThrownBy(() -> SiteConfig.load(inUrl)).hasMessageContaining("sslmode=require does not verify");
        for (String host : new String[] {"127.0.0.1:5432", "localhost", "[::1]:5432"}) {
            assertThat(SiteConfig.load(writeWithCentral("{\"url\":\"jdbc:postgresql://" + host + "/p\",\"user\":"
                    + "\"u\",\"passwordFile\":\"central-pw.txt\",\"sslMode\":\"disable\"}")).centralConfig())
                    .as(host).isPresent();
        }
    }

    @Test
    void anIncompleteOrNonPostgresCentralSectionIsNamed() throws Exception {
        Path noUser = writeWithCentral("{\"url\":\"jdbc:postgresql://db/p\",\"passwordFile\":\"central-pw.txt\"}");
        assertThatThrownBy(() -> SiteConfig.load(noUser)).hasMessageContaining("\"user\" is required");
        Path mysql = writeWithCentral("{\"url\":\"jdbc:mysql://db/p\",\"user\":\"u\",\"passwordFile\":\"x\"}");
        assertThatThrownBy(() -> SiteConfig.load(mysql)).hasMessageContaining("jdbc:postgresql://");
    }

    @Test
    void aMissingCentralPasswordFileIsReportedWithoutItsContents() throws Exception {
        SiteConfig.CentralConfig central = SiteConfig.load(writeWithCentral("{\"url\":\"jdbc:postgresql://db/p\","
                + "\"user\":\"u\",\"passwordFile\":\"missing.txt\"}")).centralConfig().orElseThrow();
        assertThatThrownBy(central::readPassword).hasMessageContaining("central database password file");
    }

    private Path writeWithOidc(String oidcJson) throws Exception {
        Path f = dir.resolve("site.json");
        Files.writeString(f, "{\"broker\":{\"uri\":\"tcp://127.0.0.1:1883\",\"clientId\":\"cr-1\"},"
                + "\"catalogue\":\"channels.json\",\"oidc\":" + oidcJson + "}");
        return f;
    }

    @Test
    void aSiteWithoutAnOidcSectionHasNoSingleSignOn() throws Exception {
        assertThat(SiteConfig.load(write("{\"uri\":\"tcp://127.0.0.1:1883\",\"clientId\":\"cr-1\"}")).oidcConfig())
                .isEmpty();
    }

    @Test
    void anOidcSectionLoadsWithDefaults() throws Exception {
        SiteConfig.OidcConfig o = SiteConfig.load(writeWithOidc("{\"issuer\":\"https://login.plant.example/realms/plant\","
                + "\"clientId\":\"plant-console\",\"roles\":{\"plant-operators\":\"OPERATOR\",\"plant-qa\":\"QA_MANAGER\","
                + "\"console-admins\":\"ADMIN\"}}")).oidcConfig().orElseThrow();
        assertThat(o.issuer()).hasToString("https://login.plant.example/realms/plant");
        assertThat(o.clientId()).isEqualTo("plant-console");
        assertThat(o.scopes()).containsExactly("openid", "profile", "email");
        assertThat(o.groupsClaim()).isEqualTo("groups");
        assertThat(o.clockSkewSeconds()).isEqualTo(60);
        assertThat(o.roles()).containsExactly(entry("plant-operators", Role.OPERATOR),
                entry("plant-qa", Role.QA_MANAGER), entry("console-admins", Role.ADMIN));
    }

    @Test
    void anOidcSectionTakesScopesClaimAndSkew() throws Exception {
        SiteConfig.OidcConfig o = SiteConfig.load(writeWithOidc("{\"issuer\":\"http://127.0.0.1:8080/plant\","
                + "\"clientId\":\"pc\",\"scopes\":[\"openid\",\"groups\"],\"groupsClaim\":\"roles\","
                + "\"clockSkewSeconds\":30,\"roles\":{\"sup\":\"SUPERVISOR\"}}")).oidcConfig().orElseThrow();
        assertThat(o.scopes()).containsExactly("openid", "groups");
        assertThat(o.groupsClaim()).isEqualTo("roles");
        assertThat(o.clockSkewSeconds()).isEqualTo(30);
    }

    @Test
    void aPlainHttpIssuerIsOnlyAcceptedOnThisMachine() throws Exception {
        String rest = ",\"clientId\":\"pc\",\"roles\":{\"a\":\"ADMIN\"}}";
        assertThatThrownBy(() -> SiteConfig.load(writeWithOidc("{\"issuer\":\"http://login.plant.example\"" + rest)))
                .hasMessageContaining("oidc.issuer http://login.plant.example must use https://");
        assertThat(SiteConfig.load(writeWithOidc("{\"issuer\":\"http://localhost:9000/x\"" + rest)).oidcConfig())
                .isPresent();
    }

    @Test
    void unknownRoleNamesAreRefusedAndNamed() throws Exception {
        assertThatThrownBy(() -> SiteConfig.load(writeWithOidc("{\"issuer\":\"https://idp\",\"clientId\":\"pc\","
                + "\"roles\":{\"ops\":\"OPERATORS\",\"qa\":\"QA_MANAGER\",\"boss\":\"admin\"}}")))
                .hasMessageContaining("oidc.roles names unknown role(s): \"ops\": \"OPERATORS\", \"boss\": \"admin\"")
                .hasMessageContaining("known roles: OPERATOR, SUPERVISOR, QA_MANAGER, ADMIN");
    }

    @Test
    void badOidcSectionsAreRefusedWithTheFieldNamed() throws Exception {
        assertThatThrownBy(() -> SiteConfig.load(writeWithOidc("{\"issuer\":\"https://idp\",\"roles\":{\"a\":\"ADMIN\"}}")))
                .hasMessageContaining("\"clientId\" is required");
        assertThatThrownBy(() -> SiteConfig.load(writeWithOidc("{\"issuer\":\"https://idp\",\"clientId\":\"pc\"}")))
                .hasMessageContaining("oidc.roles is required");
        assertThatThrownBy(() -> SiteConfig.load(writeWithOidc("{\"issuer\":\"https://idp\",\"clientID\":\"pc\","
                + "\"roles\":{\"a\":\"ADMIN\"}}"))).hasMessageContaining("unknown field(s) in \"oidc\": clientID");
        assertThatThrownBy(() -> SiteConfig.load(writeWithOidc("{\"issuer\":\"https://idp\",\"clientId\":\"pc\","
                + "\"scopes\":[\"profile\"],\"roles\":{\"a\":\"ADMIN\"}}"))).hasMessageContaining("must include \"openid\"");
        assertThatThrownBy(() -> SiteConfig.load(writeWithOidc("{\"issuer\":\"https://idp\",\"clientId\":\"pc\","
                + "\"clockSkewSeconds\":\"60\",\"roles\":{\"a\":\"ADMIN\"}}"))).hasMessageContaining("clockSkewSeconds");
    }

    @Test
    void duplicateKeysInTheSiteConfigAreRefused() throws Exception {
        Path f = dir.resolve("site.json");
        Files.writeString(f, "{\"broker\":{\"uri\":\"tcp://127.0.0.1:1883\",\"clientId\":\"a\",\"clientId\":\"b\"},"
                + "\"catalogue\":\"channels.json\"}");
        assertThatThrownBy(() -> SiteConfig.load(f)).hasMessageContaining("Duplicate field 'clientId'");
    }
}
