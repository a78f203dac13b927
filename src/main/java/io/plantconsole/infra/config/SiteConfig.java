package io.plantconsole.infra.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plantconsole.kernel.identity.Role;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A site's connection to its plant (README "Run against a real plant"). The MQTT password is read from a file, so it
 * never sits in the config or on a command line, and it is never logged.
 */
public record SiteConfig(String brokerUri, String clientId, String username, Path passwordFile, int qos,
                         List<String> jsonTopics, String jsonTopicPrefix, String sparkplugGroup, Path catalogue,
                         CentralConfig central, OidcConfig oidc) {

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

    /** The default {@code oidc.scopes}. */
    public static final List<String> DEFAULT_OIDC_SCOPES = List.of("openid", "profile", "email");
    /** The default {@code oidc.groupsClaim}. */
    public static final String DEFAULT_GROUPS_CLAIM = "groups";
    /** The default {@code oidc.clockSkewSeconds}. */
    public static final int DEFAULT_CLOCK_SKEW_SECONDS = 60;

    /**
     * The optional {@code "oidc"} section: single sign-on with the site's OpenID Connect provider (README "Single
     * sign-on (OIDC)"). The console is a public client (no secret): it proves itself with PKCE.
     *
     * @param issuer           the provider's issuer URL (https, or http to this machine)
     * @param clientId         the console's client id at the provider
     * @param scopes           requested scopes, {@code openid} among them
     * @param groupsClaim      the ID token claim that lists the person's groups
     * @param clockSkewSeconds how far the workstation's and the provider's clocks may differ
     * @param roles            provider group → console role
     */
    public record OidcConfig(URI issuer, String clientId, List<String> scopes, String groupsClaim,
                             int clockSkewSeconds, Map<String, Role> roles) {
        public OidcConfig {
            scopes = List.copyOf(scopes);
            roles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(roles));
        }
    }

    private static final Set<String> OIDC_FIELDS =
            Set.of("issuer", "clientId", "scopes", "groupsClaim", "clockSkewSeconds", "roles");

    /** Whether single sign-on is configured. */
    public Optional<OidcConfig> oidcConfig() {
        return Optional.ofNullable(oidc);
    }

    /** Whether a central database is configured. */
    public Optional<CentralConfig> centralConfig() {
        return Optional.ofNullable(central);
    }

    public static SiteConfig load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper()
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(file.toFile());
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
                central(root.path("central"), base, file), oidc(root.path("oidc"), file));
    }

    private static OidcConfig oidc(JsonNode n, Path file) {
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException(file + ": \"oidc\" must be an object");
        }
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : n.properties()) {
            if (!OIDC_FIELDS.contains(field.getKey())) {
                unknown.add(field.getKey());
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(file + ": unknown field(s) in \"oidc\": " + String.join(", ", unknown)
                    + " (known: issuer, clientId, scopes, groupsClaim, clockSkewSeconds, roles)");
        }
        URI issuer = issuer(required(n, "issuer", file), file);
        List<String> scopes = new ArrayList<>();
        JsonNode s = n.path("scopes");
        if (!s.isMissingNode()) {
            if (!s.isArray()) {
                throw new IllegalArgumentException(file + ": oidc.scopes must be a list of strings");
            }
            for (JsonNode e : s) {
                if (!e.isTextual() || e.asText().isBlank()) {
                    throw new IllegalArgumentException(file + ": oidc.scopes must be a list of strings");
                }
                scopes.add(e.asText());
            }
        } else {
            scopes.addAll(DEFAULT_OIDC_SCOPES);
        }
        if (!scopes.contains("openid")) {
            throw new IllegalArgumentException(file + ": oidc.scopes must include \"openid\"");
        }
        JsonNode skew = n.path("clockSkewSeconds");
        int skewSeconds = DEFAULT_CLOCK_SKEW_SECONDS;
        if (!skew.isMissingNode()) {
            if (!skew.isInt() || skew.asInt() < 0 || skew.asInt() > 600) {
                throw new IllegalArgumentException(file + ": oidc.clockSkewSeconds must be a whole number from 0 to"
                        + " 600, not " + skew);
            }
            skewSeconds = skew.asInt();
        }
        JsonNode claim = n.path("groupsClaim");
        if (!claim.isMissingNode() && (!claim.isTextual() || claim.asText().isBlank())) {
            throw new IllegalArgumentException(file + ": oidc.groupsClaim must be a claim name");
        }
        return new OidcConfig(issuer, required(n, "clientId", file), scopes,
                claim.isMissingNode() ? DEFAULT_GROUPS_CLAIM : claim.asText(), skewSeconds, roles(n.path("roles"), file));
    }

    private static URI issuer(String text, Path file) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(file + ": oidc.issuer is not a URL: " + text, e);
        }
        if (uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException(file + ": oidc.issuer must be a URL with a host and without query or"
                    + " fragment, not " + text);
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean loopbackHttp = "http".equalsIgnoreCase(uri.getScheme()) && isLoopback(text);
        if (!https && !loopbackHttp) {
            throw new IllegalArgumentException(file + ": oidc.issuer " + text + " must use https:// (plain http:// is"
                    + " only accepted for a provider on this machine: 127.0.0.1 or localhost)");
        }
        return uri;
    }

    private static Map<String, Role> roles(JsonNode n, Path file) {
        if (!n.isObject() || n.isEmpty()) {
            throw new IllegalArgumentException(file + ": oidc.roles is required: an object mapping the provider's"
                    + " group names to console roles, e.g. {\"plant-operators\": \"OPERATOR\"}");
        }
        Set<String> known = Arrays.stream(Role.values()).map(Role::name).collect(Collectors.toSet());
        Map<String, Role> roles = new LinkedHashMap<>();
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            String name = e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString();
            if (known.contains(name)) {
                roles.put(e.getKey(), Role.valueOf(name));
            } else {
                bad.add("\"" + e.getKey() + "\": " + (e.getValue().isTextual() ? "\"" + name + "\"" : name));
            }
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException(file + ": oidc.roles names unknown role(s): " + String.join(", ", bad)
                    + " (known roles: " + Arrays.stream(Role.values()).map(Role::name)
                    .collect(Collectors.joining(", ")) + ")");
        }
        return roles;
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
        String sslMode = n.path("sslMode").asText(DEFAULT_CENTRAL_SSL_MODE);
        String urlMode = url;
        int q = url.indexOf('?');
        String effective = sslMode;
        if (q >= 0) {
            for (String p : url.substring(q + 1).split("&")) {
                if (p.startsWith("sslmode=")) {
                    effective = p.substring("sslmode=".length());
                }
            }
        }
        try {
            io.plantconsole.infra.postgres.CentralDatabase.Settings.requireVerifiedServer(urlMode, effective);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": central: " + e.getMessage(), e);
        }
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
        String host = URI.create(uri).getHost();
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
