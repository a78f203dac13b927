package io.plantconsole.infra.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JOSEObjectType;
import io.plantconsole.kernel.identity.Role;
import io.plantconsole.auth.model.SsoIdentity;
import io.plantconsole.auth.service.RoleMapping;
import io.plantconsole.auth.service.SsoException;
import io.plantconsole.infra.config.SiteConfig.OidcConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sign-on against a real OpenID provider (mock-oauth2-server) on 127.0.0.1; the "browser" is an HTTP client. */
class OidcSingleSignOnIT {

    private static final String ISSUER_ID = "plant";
    private static final String CLIENT_ID = "plant-console";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Map<String, Role> ROLES = Map.of(
            "plant-operators", Role.OPERATOR, "plant-supervisors", Role.SUPERVISOR,
            "plant-qa", Role.QA_MANAGER, "plant-admins", Role.ADMIN);

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private MockOAuth2Server server;
    private URI issuer;

    @BeforeEach
    void startProvider() throws Exception {
        server = new MockOAuth2Server();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        issuer = server.issuerUrl(ISSUER_ID).uri();
    }

    @AfterEach
    void stopProvider() {
        server.shutdown();
    }

    // ------------------------------------------------------------------------------------------------ the browser

    /** A headless browser: each open() runs the steps on its own thread, as a real browser would. */
    private class Browser implements BrowserLauncher {
        private final UnaryOperator<URI> redirectRewriter;
        final List<URI> opened = new ArrayList<>();
        volatile CompletableFuture<HttpResponse<String>> page;
        private String loginAs;
        private String loginClaimsJson = "{}";

        /** Follows the provider's redirect, after passing it through {@code redirectRewriter}. */
        Browser(UnaryOperator<URI> redirectRewriter) {
            this.redirectRewriter = redirectRewriter;
        }

        @Override
        public synchronized void open(URI uri) {
            opened.add(uri);
            if (redirectRewriter == null) {
                return;
            }
            page = CompletableFuture.supplyAsync(() -> {
                try {
                    HttpResponse<String> atProvider = get(uri);
                    if (atProvider.statusCode() == 200 && loginAs != null) {
                        // The provider shows its sign-in form (prompt=login): the person enters who they are.
                        atProvider = post(uri, "username=" + encode(loginAs) + "&claims=" + encode(loginClaimsJson));
                    }
                    assertThat(atProvider.statusCode()).isEqualTo(302);
                    URI redirect = URI.create(atProvider.headers().firstValue("Location").orElseThrow());
                    return get(redirectRewriter.apply(redirect));
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        /** Answers the provider's sign-in form (shown for prompt=login) as {@code username}. */
        Browser signingInAs(String username, String claimsJson) {
            loginAs = username;
            loginClaimsJson = claimsJson;
            return this;
        }

        String pageText() throws Exception {
            return page.get(10, TimeUnit.SECONDS).body();
        }

        int pageStatus() throws Exception {
            return page.get(10, TimeUnit.SECONDS).statusCode();
        }

        URI authorizationRequest() {
            assertThat(opened).hasSize(1);
            return opened.get(0);
        }
    }

    private Browser following() {
        return new Browser(UnaryOperator.identity());
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(URI uri, String form) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    // ------------------------------------------------------------------------------------------------ set-up help

    private OidcSingleSignOn sso(BrowserLauncher browser, Clock clock) {
        return sso(issuer, browser, clock);
    }

    private static OidcSingleSignOn sso(URI issuer, BrowserLauncher browser, Clock clock) {
        OidcConfig config = new OidcConfig(issuer, CLIENT_ID, List.of("openid", "profile", "email"), "groups", 60,
                ROLES);
        return new OidcSingleSignOn(config, new RoleMapping(config.roles()), browser, clock);
    }

    /** The provider's next ID token: {@code sub}, audience the console, extra claims, expiry in seconds. */
    private void nextToken(String subject, Map<String, Object> claims, long expirySeconds) {
        server.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, JOSEObjectType.JWT.getType(),
                List.of(CLIENT_ID), claims, expirySeconds));
    }

    private void nextToken(String subject, List<String> groups) {
        nextToken(subject, Map.of("name", "Alice Martin", "email", "alice@plant.example", "groups", groups), 3600);
    }

    private static String authTime(Instant t) {
        return "{\"auth_time\":" + t.getEpochSecond() + "}";
    }

    private List<RecordedRequest> recordedRequests() {
        List<RecordedRequest> all = new ArrayList<>();
        while (true) {
            try {
                all.add(server.takeRequest(200, TimeUnit.MILLISECONDS));
            } catch (RuntimeException noMore) {
                return all;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ the tests

    @Test
    void aSuccessfulLoginReturnsTheVerifiedPersonAndTheHighestMappedRole() throws Exception {
        nextToken("alice", List.of("plant-operators", "plant-qa", "canteen"));
        Browser browser = following();

        SsoIdentity alice = sso(browser, Clock.systemUTC()).login(TIMEOUT);

        assertThat(alice.subject()).isEqualTo("alice");
        assertThat(alice.name()).isEqualTo("Alice Martin");
        assertThat(alice.email()).isEqualTo("alice@plant.example");
        assertThat(alice.issuer()).isEqualTo(issuer.toString());
        assertThat(alice.groups()).containsExactlyInAnyOrder("plant-operators", "plant-qa", "canteen");
        assertThat(alice.expiresAt()).isAfter(Instant.now().plusSeconds(3000));
        assertThat(new RoleMapping(ROLES).roleFor(alice)).isEqualTo(Role.QA_MANAGER);
        assertThat(browser.pageStatus()).isEqualTo(200);
        assertThat(browser.pageText()).contains("You are signed in to Plant Console. You can close this tab.");
    }

    @Test
    void theAuthorizationRequestUsesPkceS256StateNonceAndALoopbackRedirect() throws Exception {
        nextToken("alice", List.of("plant-operators"));
        Browser browser = following();
        sso(browser, Clock.systemUTC()).login(TIMEOUT);

        Map<String, String> q = query(browser.authorizationRequest());
        assertThat(q).containsEntry("response_type", "code").containsEntry("client_id", CLIENT_ID)
                .containsEntry("code_challenge_method", "S256").containsKeys("code_challenge", "state", "nonce");
        assertThat(q.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        assertThat(q.get("redirect_uri")).matches("http://127\\.0\\.0\\.1:\\d+/callback");
        assertThat(q.get("scope").split(" ")).contains("openid", "profile", "email");
        assertThat(q).doesNotContainKeys("prompt", "max_age", "client_secret");

        List<RecordedRequest> seen = recordedRequests();
        RecordedRequest authorize = seen.stream().filter(r -> r.getPath().startsWith("/plant/authorize"))
                .findFirst().orElseThrow();
        assertThat(authorize.getPath()).contains("code_challenge_method=S256").contains("code_challenge=");
        RecordedRequest token = seen.stream().filter(r -> r.getPath().startsWith("/plant/token"))
                .findFirst().orElseThrow();
        String body = token.getBody().readUtf8();
        assertThat(body).contains("code_verifier=").contains("grant_type=authorization_code")
                .doesNotContain("client_secret");
        assertThat(token.getHeader("Authorization")).isNull();
    }

    @Test
    void aRedirectWithAForgedStateIsRefusedAndItsCodeIsNeverExchanged() throws Exception {
        nextToken("alice", List.of("plant-operators"));
        Browser browser = new Browser(redirect -> URI.create(redirect.toString()
                .replaceAll("state=[^&]+", "state=forged")));

        SsoException e = catchThrowableOfType(() -> sso(browser, Clock.systemUTC()).login(Duration.ofSeconds(3)),
                SsoException.class);

        assertThat(e.reason()).isEqualTo(SsoException.Reason.INVALID_RESPONSE);
        assertThat(e.getMessage()).contains("did not belong to the sign-in it started").contains("state");
        assertThat(browser.pageStatus()).isEqualTo(400);
        assertThat(browser.pageText()).contains("does not belong to the sign-in that Plant Console started");
        assertThat(recordedRequests()).noneMatch(r -> r.getPath().startsWith("/plant/token"));
    }

    @Test
    void aForgedAnswerIsIgnoredAndTheSignInGoesOnWithItsOwnAnswer() throws Exception {
        nextToken("alice", List.of("plant-operators"));
        AtomicReference<HttpResponse<String>> forgedPage = new AtomicReference<>();
        Browser browser = new Browser(redirect -> {
            try {
                forgedPage.set(get(URI.create(redirect.toString().replaceAll("state=[^&]+", "state=forged"))));
            } catch (IOException | InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
            return redirect; // then the real answer arrives
        });

        SsoIdentity who = sso(browser, Clock.systemUTC()).login(TIMEOUT);

        assertThat(who.subject()).isEqualTo("alice");
        assertThat(forgedPage.get().statusCode()).isEqualTo(400);
        assertThat(forgedPage.get().body()).contains("does not belong to the sign-in that Plant Console started");
        assertThat(browser.pageStatus()).isEqualTo(200);
        assertThat(recordedRequests()).filteredOn(r -> r.getPath().startsWith("/plant/token")).hasSize(1);
    }

    @Test
    void aConnectionThatNeverSendsItsRequestIsClosedAndTheSignInStillCompletes() throws Exception {
        nextToken("alice", List.of("plant-operators"));
        List<java.net.Socket> idle = new ArrayList<>();
        Browser browser = new Browser(redirect -> {
            try {
                for (int i = 0; i < 4; i++) { // more idle connections than the receiver has handler threads
                    java.net.Socket s = new java.net.Socket("127.0.0.1", redirect.getPort());
                    s.getOutputStream().write("GET /callback?code=x".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    idle.add(s);
                }
            } catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
            return redirect;
        });
        try {
            SsoIdentity who = sso(browser, Clock.systemUTC()).login(Duration.ofSeconds(40));
            assertThat(who.subject()).isEqualTo("alice");
            for (java.net.Socket s : idle) {
                s.setSoTimeout((LoopbackReceiver.REQUEST_SECONDS + 10) * 1000);
                int read;
                try {
                    read = s.getInputStream().read();
                } catch (java.net.SocketException reset) {
                    read = -1; // closed by the receiver with a reset
                }
                assertThat(read).as("the receiver closes a request that never completes").isEqualTo(-1);
            }
        } finally {
            for (java.net.Socket s : idle) {
                s.close();
            }
        }
    }

    @Test
    void anExpiredIdTokenIsRefused() throws Exception {
        nextToken("alice", Map.of("groups", List.of("plant-operators")), -300);
        Browser browser = following();

        SsoException e = catchThrowableOfType(() -> sso(browser, Clock.systemUTC()).login(TIMEOUT),
                SsoException.class);

        assertThat(e.reason()).isEqualTo(SsoException.Reason.TOKEN_EXPIRED);
        assertThat(e.getMessage()).startsWith("The sign-in token has expired").contains("Sign in again");
        assertThat(browser.pageText()).contains("The sign-in token has expired");
    }

    @Test
    void aWorkstationClockTenMinutesAheadIsReportedAsClockSkew() {
        nextToken("alice", List.of("plant-operators"));
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10));

        SsoException e = catchThrowableOfType(() -> sso(following(), ahead).login(TIMEOUT), SsoException.class);

        assertThat(e.reason()).isEqualTo(SsoException.Reason.CLOCK_SKEW);
        assertThat(e.getMessage()).startsWith("This workstation's clock differs from the identity provider's by 10 min")
                .contains("at most 60 s");
    }

    @Test
    void aWorkstationClockTenMinutesBehindIsReportedAsClockSkew() {
        nextToken("alice", List.of("plant-operators"));
        Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));

        SsoException e = catchThrowableOfType(() -> sso(following(), behind).login(TIMEOUT), SsoException.class);

        assertThat(e.reason()).isEqualTo(SsoException.Reason.CLOCK_SKEW);
        assertThat(e.getMessage()).startsWith("This workstation's clock differs from the identity provider's by 10 min");
    }

    @Test
    void anUnreachableProviderIsNamedInTheMessage() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/plant");
        Browser browser = following();

        SsoException e = catchThrowableOfType(() -> sso(nowhere, browser, Clock.systemUTC()).login(TIMEOUT),
                SsoException.class);

        assertThat(e.reason()).isEqualTo(SsoException.Reason.PROVIDER_UNREACHABLE);
        assertThat(e.getMessage()).startsWith("The identity provider at " + nowhere + " cannot be reached: "
                + "connection refused");
        assertThat(browser.opened).isEmpty();
    }

    @Test
    void cancellingInTheBrowserIsReportedAsCancelled() throws Exception {
        Browser browser = new Browser(null) {
            @Override
            public synchronized void open(URI uri) {
                opened.add(uri);
                Map<String, String> q = query(uri);
                page = CompletableFuture.supplyAsync(() -> {
                    try {
                        return get(URI.create(q.get("redirect_uri") + "?error=access_denied&error_description="
                                + "User%20cancelled&state=" + q.get("state")));
                    } catch (IOException | InterruptedException ex) {
                        throw new IllegalStateException(ex);
                    }
                });
            }
        };

        SsoException e = catchThrowableOfType(() -> sso(browser, Clock.systemUTC()).login(TIMEOUT),
                SsoException.class);

        assertThat(e.reason()).isEqualTo(SsoException.Reason.CANCELLED);
        assertThat(e.getMessage()).isEqualTo("The sign-in was cancelled in the browser: User cancelled");
        assertThat(browser.pageStatus()).isEqualTo(400);
        assertThat(browser.pageText()).contains("cancelled in the browser");
    }

    @Test
    void aSignInNobodyFinishesTimesOutAndClosesTheLoopbackPort() throws Exception {
        Browser idle = new Browser(null);

        SsoException e = catchThrowableOfType(() -> sso(idle, Clock.systemUTC()).login(Duration.ofSeconds(1)),
                SsoException.class);

        assertThat(e.reason()).isEqualTo(SsoException.Reason.TIMED_OUT);
        assertThat(e.getMessage()).isEqualTo("The sign-in was not finished within 1 s. Start it again from the"
                + " console.");
        URI redirect = URI.create(query(idle.authorizationRequest()).get("redirect_uri"));
        assertThatThrownBy(() -> new Socket(redirect.getHost(), redirect.getPort()).close())
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void reauthenticationAsksForTheCredentialsAgainAndAcceptsTheSamePerson() throws Exception {
        nextToken("ignored", Map.of("groups", List.of("plant-qa")), 3600);
        Browser browser = following().signingInAs("alice", authTime(Instant.now()));

        SsoIdentity again = sso(browser, Clock.systemUTC()).reauthenticate("alice", TIMEOUT);

        assertThat(again.subject()).isEqualTo("alice");
        assertThat(query(browser.authorizationRequest())).containsEntry("prompt", "login")
                .containsEntry("max_age", "0");
        assertThat(browser.pageText()).contains("Your signature is confirmed");
    }

    @Test
    void reauthenticationBySomeoneElseIsRefusedAsWrongUser() {
        nextToken("ignored", Map.of("name", "Bob Stone", "groups", List.of("plant-qa")), 3600);
        Browser bob = following().signingInAs("bob", authTime(Instant.now()));

        SsoException e = catchThrowableOfType(
                () -> sso(bob, Clock.systemUTC()).reauthenticate("alice", TIMEOUT), SsoException.class);

        assertThat(e.reason()).isEqualTo(SsoException.Reason.WRONG_USER);
        assertThat(e.getMessage()).isEqualTo("The browser signed in Bob Stone (bob), but this signature must be"
                + " given by alice, who is signed in at this console. Sign in as alice, or cancel.");
    }

    @Test
    void reauthenticationWithoutFreshCredentialsIsRefused() {
        nextToken("ignored", Map.of("groups", List.of("plant-qa")), 3600);
        Browser staleSession = following().signingInAs("alice", authTime(Instant.now().minusSeconds(3600)));

        SsoException e = catchThrowableOfType(
                () -> sso(staleSession, Clock.systemUTC()).reauthenticate("alice", TIMEOUT), SsoException.class);

        assertThat(e.reason()).isEqualTo(SsoException.Reason.INVALID_RESPONSE);
        assertThat(e.getMessage()).startsWith("The identity provider did not ask for your password again");
    }

    @Test
    void aPersonWithoutAMappedGroupIsRefusedWithNoRole() throws Exception {
        nextToken("dave", Map.of("name", "Dave Cole", "groups", List.of("visitors", "canteen")), 3600);
        Browser browser = following();

        SsoException e = catchThrowableOfType(() -> sso(browser, Clock.systemUTC()).login(TIMEOUT),
                SsoException.class);

        assertThat(e.reason()).isEqualTo(SsoException.Reason.NO_ROLE);
        assertThat(e.getMessage()).startsWith("You are signed in as Dave Cole (dave), but none of your groups"
                + " (canteen, visitors) has a role at this console");
        assertThat(browser.pageText()).contains("none of your groups (canteen, visitors) has a role");
    }
}
