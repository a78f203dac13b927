package io.plantconsole.infra.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A site's connection to its plant (README "Run against a real plant"). The MQTT password is read from a file, so it
 * never sits in the config or on a command line, and it is never logged.
 */
public record SiteConfig(String brokerUri, String clientId, String username, Path passwordFile, int qos,
                         List<String> jsonTopics, String jsonTopicPrefix, String sparkplugGroup, Path catalogue,
                         CentralConfig central) {

    /** The default {@code sslMode} of the central database: encrypted, and the server proves its host name. */
    public static final String DEFAULT_CENTRAL_SSL_MODE = "verify-full";

    /**
     * The optional {@code "central"} section: the central PostgreSQL database the outbox is synced to. Paths are
     * resolved against the site config's folder. The password is read from {@code passwordFile} on demand and never
     * logged ({@link #toString()} leaves it out).
     *
     * @param url          JDBC URL, {@code jdbc:postgresql://host:5432/db}
     * @param user         database role
     * @param passwordFile file holding the password
     * @param sslMode      the driver's {@code sslmode}; {@value SiteConfig#DEFAULT_CENTRAL_SSL_MODE} unless set
     * @param sslRootCert  CA certificate that signs the server's certificate; {@code null} for the driver's default
     */
    public record CentralConfig(String url, String user, Path passwordFile, String sslMode, Path sslRootCert) {
        /** The central database password (stripped). */
        public char[] readPassword() {
            try {
                return Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
            } catch (IOException e) {
                throw new IllegalArgumentException("Cannot read the central database password file " + passwordFile
                        + ": " + e.getClass().getSimpleName(), e);
            }
        }
    }

    /** Whether a central database is configured. */
    public Optional<CentralConfig> centralConfig() {
        return Optional.ofNullable(central);
    }

    public static SiteConfig load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read site config " + file + ": " + e.getMessage(), e);
        }
        JsonNode broker = root.path("broker");
        String uri = required(broker, "uri", file);
        if (!uri.startsWith("tcp://") && !uri.startsWith("ssl://")) {
            throw new IllegalArgumentException(file + ": broker.uri must start with tcp:// or ssl://, not " + uri);
        }
        List<String> topics = new ArrayList<>();
        broker.path("jsonTopics").forEach(t -> topics.add(t.asText()));
        if (topics.isEmpty()) {
            topics.add("plant/#");
        }
        Path base = file.toAbsolutePath().getParent();
        String pw = broker.path("passwordFile").asText("");
        if (uri.startsWith("tcp://") && !pw.isEmpty() && !isLoopback(uri)) {
            throw new IllegalArgumentException(file + ": broker.uri " + uri + " is not encrypted; credentials are"
                    + " only sent over ssl:// (or to a broker on this machine)");
        }
        return new SiteConfig(uri, required(broker, "clientId", file),
                broker.path("username").asText(null), pw.isEmpty() ? null : base.resolve(pw),
                broker.path("qos").asInt(1), topics, broker.path("jsonTopicPrefix").asText("plant/"),
                broker.path("sparkplugGroup").asText(""), base.resolve(required(root, "catalogue", file)),
                central(root.path("central"), base, file));
    }

    private static CentralConfig central(JsonNode n, Path base, Path file) {
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        String url = required(n, "url", file);
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException(file + ": central.url must start with jdbc:postgresql://");
        }
        String root = n.path("sslRootCert").asText("");
        return new CentralConfig(url, required(n, "user", file), base.resolve(required(n, "passwordFile", file)),
                n.path("sslMode").asText(DEFAULT_CENTRAL_SSL_MODE), root.isBlank() ? null : base.resolve(root));
    }

    /** The broker password, or null when none is configured. */
    public char[] readPassword() {
        if (passwordFile == null) {
            return null;
        }
        try {
            return Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the MQTT password file " + passwordFile + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private static boolean isLoopback(String uri) {
        String host = java.net.URI.create(uri).getHost();
        return "127.0.0.1".equals(host) || "localhost".equals(host) || "::1".equals(host) || "[::1]".equals(host);
    }

    private static String required(JsonNode n, String field, Path file) {
        String v = n.path(field).asText("");
        if (v.isBlank()) {
            throw new IllegalArgumentException(file + ": \"" + field + "\" is required");
        }
        return v;
    }
}
