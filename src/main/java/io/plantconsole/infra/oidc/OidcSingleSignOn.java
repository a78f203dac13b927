package io.plantconsole.infra.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.plantconsole.auth.model.SsoIdentity;
import io.plantconsole.auth.service.RoleMapping;
import io.plantconsole.auth.service.SingleSignOn;
import io.plantconsole.auth.service.SsoException;
import io.plantconsole.auth.service.SsoException.Reason;
import io.plantconsole.infra.config.SiteConfig.OidcConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.MalformedURLException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenID Connect sign-on for a native app (RFC 8252, ADR 0011): the authorization code flow with PKCE (S256),
 * {@code state} and {@code nonce}, as a public client, with the system browser and a loopback redirect on
 * 127.0.0.1 at a port the system picks.
 *
 * <p>The ID token's signature (keys from the provider's JWKS), issuer, audience and nonce are checked by nimbus's
 * {@link IDTokenValidator}; its times ({@code iat}, {@code exp}, {@code nbf}, {@code auth_time}) are checked here with
 * the injected {@link Clock} and the site's clock-skew tolerance, so a workstation clock that is off gets its own
 * message instead of "token expired". The discovery document and the provider's keys are cached.
 *
 * <p>Blocking: call from a background thread, one sign-in at a time. Tokens, codes and the PKCE verifier are never
 * logged.
 */
public final class OidcSingleSignOn implements SingleSignOn {

    private static final Logger LOG = LoggerFactory.getLogger(OidcSingleSignOn.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DISCOVERY_TTL = Duration.ofHours(1);
    private static final int JWKS_SIZE_LIMIT = 512 * 1024;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** Passed to nimbus, whose checks read the system clock: the time checks are ours (see class comment). */
    private static final int NIMBUS_TIME_CHECKS_OFF = Integer.MAX_VALUE;

    private final OidcConfig config;
    private final RoleMapping roles;
    private final BrowserLauncher browser;
    private final Clock clock;
    private final Duration skew;
    private final ClientID clientId;
    private Provider provider;

    /** The discovered provider: metadata and an ID token validator with its cached keys. */
    private record Provider(OIDCProviderMetadata metadata, IDTokenValidator validator, Instant fetchedAt) { }

    public OidcSingleSignOn(OidcConfig config, RoleMapping roles, BrowserLauncher browser, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.roles = Objects.requireNonNull(roles, "roles");
        this.browser = Objects.requireNonNull(browser, "browser");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.skew = Duration.ofSeconds(config.clockSkewSeconds());
        this.clientId = new ClientID(config.clientId());
    }

    @Override
    public SsoIdentity login(Duration timeout) {
        return signIn(null, timeout);
    }

    @Override
    public SsoIdentity reauthenticate(String subject, Duration timeout) {
        return signIn(Objects.requireNonNull(subject, "subject"), timeout);
    }

    private SsoIdentity signIn(String expectedSubject, Duration timeout) {
        Instant started = clock.instant();
        Provider p = provider();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        LoopbackReceiver receiver;
        try {
            receiver = LoopbackReceiver.start(state.getValue());
        } catch (IOException e) {
            throw new SsoException(Reason.INVALID_RESPONSE, "This console cannot open a local port for the answer of"
                    + " the sign-in page: " + describe(e), e);
        }
        try (receiver) {
            try {
                SsoIdentity identity = complete(p, receiver, state, nonce, verifier, expectedSubject, started, timeout);
                receiver.finish(true, expectedSubject == null
                        ? "You are signed in to Plant Console. You can close this tab."
                        : "Your signature is confirmed. You can close this tab and return to Plant Console.");
                LOG.info("Single sign-on {}: {} ({})", expectedSubject == null ? "login" : "re-authentication",
                        identity.subject(), config.issuer());
                return identity;
            } catch (SsoException e) {
                receiver.finish(false, e.getMessage());
                LOG.info("Single sign-on failed ({}): {}", e.reason(), e.getMessage());
                throw e;
            }
        }
    }

    private SsoIdentity complete(Provider p, LoopbackReceiver receiver, State state, Nonce nonce,
            CodeVerifier verifier, String expectedSubject, Instant started, Duration timeout) {
        URI redirect = receiver.redirectUri();
        AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope(config.scopes().toArray(String[]::new)), clientId, redirect)
                .endpointURI(p.metadata().getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256);
        if (expectedSubject != null) {
            request.prompt(Prompt.Type.LOGIN).maxAge(0);
        }
        try {
            browser.open(request.build().toURI());
        } catch (RuntimeException e) {
            throw new SsoException(Reason.INVALID_RESPONSE, "The browser could not be opened for the sign-in: "
                    + describe(e), e);
        }

        LoopbackReceiver.Callback callback;
        try {
            callback = receiver.await(timeout);
        } catch (TimeoutException e) {
            if (receiver.refusedAnswers() > 0) {
                throw new SsoException(Reason.INVALID_RESPONSE, "The sign-in was not finished within "
                        + words(timeout) + "; " + receiver.refusedAnswers() + " answer(s) that did not belong to the"
                        + " sign-in it started (state mismatch) were refused. Start the sign-in again; if this repeats,"
                        + " tell IT: another program may be sending forged sign-in answers.", e);
            }
            throw new SsoException(Reason.TIMED_OUT, "The sign-in was not finished within " + words(timeout)
                    + ". Start it again from the console.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SsoException(Reason.CANCELLED, "The sign-in was cancelled at the console.", e);
        }
        AuthorizationCode code = authorizationCode(callback.uri());
        JWT idToken = exchange(p, code, redirect, verifier);
        return verify(p, idToken, nonce, expectedSubject, started);
    }

    private AuthorizationCode authorizationCode(URI callbackUri) {
        AuthenticationResponse response;
        try {
            response = AuthenticationResponseParser.parse(callbackUri);
        } catch (ParseException e) {
            throw new SsoException(Reason.INVALID_RESPONSE, "The identity provider at " + config.issuer()
                    + " sent an answer this console cannot read: " + e.getMessage(), e);
        }
        if (!response.indicatesSuccess()) {
            ErrorObject err = ((AuthenticationErrorResponse) response).getErrorObject();
            if ("access_denied".equals(err.getCode())) {
                throw new SsoException(Reason.CANCELLED, "The sign-in was cancelled in the browser"
                        + (err.getDescription() == null ? "." : ": " + err.getDescription()));
            }
            throw new SsoException(Reason.INVALID_RESPONSE, "The identity provider at " + config.issuer()
                    + " refused the sign-in: " + errorText(err));
        }
        AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();
        if (code == null) {
            throw new SsoException(Reason.INVALID_RESPONSE, "The identity provider at " + config.issuer()
                    + " answered without an authorization code.");
        }
        return code;
    }

    private JWT exchange(Provider p, AuthorizationCode code, URI redirect, CodeVerifier verifier) {
        URI tokenEndpoint = p.metadata().getTokenEndpointURI();
        HTTPRequest http = new TokenRequest(tokenEndpoint, clientId,
                new AuthorizationCodeGrant(code, redirect, verifier)).toHTTPRequest();
        http.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
        http.setReadTimeout((int) READ_TIMEOUT.toMillis());
        HTTPResponse response;
        try {
            response = http.send();
        } catch (IOException e) {
            throw unreachable(tokenEndpoint, e);
        }
        // Only the ID token is used (the access token is not): read it directly, so that a provider's unusual
        // access-token fields (expires_in, token_type) cannot block a sign-in.
        try {
            if (!response.indicatesSuccess()) {
                ErrorObject err = TokenErrorResponse.parse(response).getErrorObject();
                throw new SsoException(Reason.INVALID_RESPONSE, "The identity provider at " + config.issuer()
                        + " refused to issue the sign-in token: " + errorText(err));
            }
            String idToken = JSONObjectUtils.getString(response.getBodyAsJSONObject(), "id_token", null);
            if (idToken == null) {
                throw new SsoException(Reason.INVALID_RESPONSE, "The identity provider at " + config.issuer()
                        + " issued no ID token; check that oidc.scopes includes openid.");
            }
            return JWTParser.parse(idToken);
        } catch (ParseException | java.text.ParseException e) {
            throw new SsoException(Reason.INVALID_RESPONSE, "The identity provider's token endpoint " + tokenEndpoint
                    + " sent an answer this console cannot read: " + e.getMessage(), e);
        }
    }

    private SsoIdentity verify(Provider p, JWT idToken, Nonce nonce, String expectedSubject, Instant started) {
        IDTokenClaimsSet claims;
        try {
            claims = p.validator().validate(idToken, nonce);
        } catch (BadJOSEException e) {
            throw new SsoException(Reason.INVALID_RESPONSE, "The sign-in token from " + config.issuer()
                    + " failed verification (" + e.getMessage() + "). Sign in again; if this repeats, tell IT.", e);
        } catch (JOSEException e) {
            if (causedByIo(e)) {
                throw unreachable(p.metadata().getJWKSetURI(), e);
            }
            throw new SsoException(Reason.INVALID_RESPONSE, "The sign-in token from " + config.issuer()
                    + " could not be verified: " + e.getMessage(), e);
        }
        Instant now = clock.instant();
        Instant issued = instant(claims.getIssueTime());
        Instant expires = instant(claims.getExpirationTime());
        if (issued == null || expires == null) {
            throw new SsoException(Reason.INVALID_RESPONSE, "The sign-in token from " + config.issuer()
                    + " lacks its issue or expiry time.");
        }
        // A token issued for this sign-in was issued between its start and now, by the provider's clock.
        if (issued.isAfter(now.plus(skew))) {
            throw clockSkew(Duration.between(now, issued), issued, now);
        }
        if (issued.isBefore(started.minus(skew))) {
            throw clockSkew(Duration.between(issued, started), issued, now);
        }
        JWTClaimsSet jwt;
        try {
            jwt = claims.toJWTClaimsSet();
        } catch (ParseException e) {
            throw new SsoException(Reason.INVALID_RESPONSE, "The sign-in token from " + config.issuer()
                    + " cannot be read: " + e.getMessage(), e);
        }
        Instant notBefore = instant(jwt.getNotBeforeTime());
        if (notBefore != null && notBefore.isAfter(now.plus(skew))) {
            throw clockSkew(Duration.between(now, notBefore), notBefore, now);
        }
        if (!expires.isAfter(now.minus(skew))) {
            throw new SsoException(Reason.TOKEN_EXPIRED, "The sign-in token has expired: it was valid until "
                    + time(expires) + ", and this workstation's clock says " + time(now) + ". Sign in again; if this"
                    + " repeats, check this workstation's clock.");
        }
        Instant authTime = instant(claims.getAuthenticationTime());
        if (authTime != null && authTime.isAfter(now.plus(skew))) {
            throw clockSkew(Duration.between(now, authTime), authTime, now);
        }

        String subject = claims.getSubject().getValue();
        String name = firstString(jwt, "name", "preferred_username");
        SsoIdentity identity = new SsoIdentity(claims.getIssuer().getValue(), subject, name == null ? subject : name,
                firstString(jwt, "email"), groups(jwt), authTime == null ? issued : authTime, expires);

        if (expectedSubject != null) {
            if (!expectedSubject.equals(subject)) {
                throw new SsoException(Reason.WRONG_USER, "The browser signed in " + who(identity) + ", but this"
                        + " signature must be given by " + expectedSubject + ", who is signed in at this console."
                        + " Sign in as " + expectedSubject + ", or cancel.");
            }
            if (authTime == null) {
                throw new SsoException(Reason.INVALID_RESPONSE, "The identity provider at " + config.issuer()
                        + " did not say when you entered your password (no auth_time), so the signature cannot be"
                        + " accepted. Ask IT to send auth_time in ID tokens.");
            }
            if (authTime.isBefore(started.minus(skew))) {
                throw new SsoException(Reason.INVALID_RESPONSE, "The identity provider did not ask for your password"
                        + " again (your last sign-in there was at " + time(authTime) + "), so the signature cannot be"
                        + " accepted. Sign again and enter your password.");
            }
        }
        roles.roleFor(identity);
        return identity;
    }

    private Set<String> groups(JWTClaimsSet jwt) {
        Object value = jwt.getClaim(config.groupsClaim());
        Set<String> groups = new LinkedHashSet<>();
        if (value instanceof String s) {
            groups.add(s);
        } else if (value instanceof Collection<?> c) {
            for (Object o : c) {
                if (o instanceof String s) {
                    groups.add(s);
                }
            }
        } else if (value != null) {
            throw new SsoException(Reason.INVALID_RESPONSE, "The sign-in token's \"" + config.groupsClaim()
                    + "\" claim is neither a list of group names nor a group name; check oidc.groupsClaim.");
        }
        return groups;
    }

    private synchronized Provider provider() {
        Instant now = clock.instant();
        if (provider != null && now.isBefore(provider.fetchedAt().plus(DISCOVERY_TTL))
                && !now.isBefore(provider.fetchedAt())) {
            return provider;
        }
        URI issuer = config.issuer();
        OIDCProviderMetadata metadata;
        try {
            metadata = OIDCProviderMetadata.resolve(new Issuer(issuer), (int) CONNECT_TIMEOUT.toMillis(),
                    (int) READ_TIMEOUT.toMillis());
        } catch (IOException e) {
            throw unreachable(issuer, e);
        } catch (GeneralException e) {
            throw new SsoException(Reason.INVALID_RESPONSE, "The identity provider at " + issuer + " answered, but"
                    + " not with a usable OpenID configuration (" + e.getMessage() + "). Check oidc.issuer in the"
                    + " site config.", e);
        }
        if (metadata.getAuthorizationEndpointURI() == null || metadata.getTokenEndpointURI() == null
                || metadata.getJWKSetURI() == null) {
            throw new SsoException(Reason.INVALID_RESPONSE, "The OpenID configuration of " + issuer + " lacks its"
                    + " authorization, token or keys (jwks_uri) endpoint.");
        }
        EndpointPolicy.requireSecure(metadata.getAuthorizationEndpointURI(), "authorization");
        EndpointPolicy.requireSecure(metadata.getTokenEndpointURI(), "token");
        EndpointPolicy.requireSecure(metadata.getJWKSetURI(), "keys (jwks_uri)");
        URL jwksUrl;
        try {
            jwksUrl = metadata.getJWKSetURI().toURL();
        } catch (MalformedURLException e) {
            throw new SsoException(Reason.INVALID_RESPONSE, "The identity provider's keys address "
                    + metadata.getJWKSetURI() + " is not a URL.", e);
        }
        JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(jwksUrl,
                new DefaultResourceRetriever((int) CONNECT_TIMEOUT.toMillis(), (int) READ_TIMEOUT.toMillis(),
                        JWKS_SIZE_LIMIT)).build();
        IDTokenValidator validator = new IDTokenValidator(metadata.getIssuer(), clientId,
                new JWSVerificationKeySelector<>(signingAlgorithms(metadata), keys), null);
        validator.setMaxClockSkew(NIMBUS_TIME_CHECKS_OFF);
        provider = new Provider(metadata, validator, now);
        return provider;
    }

    /** The provider's asymmetric ID token algorithms (a public client holds no secret for HS256); RS256 if none. */
    private static Set<JWSAlgorithm> signingAlgorithms(OIDCProviderMetadata metadata) {
        Set<JWSAlgorithm> algs = new LinkedHashSet<>();
        if (metadata.getIDTokenJWSAlgs() != null) {
            for (JWSAlgorithm a : metadata.getIDTokenJWSAlgs()) {
                if (JWSAlgorithm.Family.SIGNATURE.contains(a)) {
                    algs.add(a);
                }
            }
        }
        if (algs.isEmpty()) {
            algs.add(JWSAlgorithm.RS256);
        }
        return algs;
    }

    private SsoException unreachable(URI url, Exception e) {
        return new SsoException(Reason.PROVIDER_UNREACHABLE, "The identity provider at " + url
                + " cannot be reached: " + describe(e) + ". Check the network, or ask IT whether the sign-in service"
                + " is running.", e);
    }

    private SsoException clockSkew(Duration apart, Instant providerTime, Instant now) {
        return new SsoException(Reason.CLOCK_SKEW, "This workstation's clock differs from the identity provider's by "
                + words(apart) + " (the provider's token says " + time(providerTime) + ", this workstation says "
                + time(now) + "; at most " + words(skew) + " is accepted). Ask IT to set this workstation's time,"
                + " then sign in again.");
    }

    private String time(Instant t) {
        return TIME.withZone(clock.getZone()).format(t);
    }

    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof SocketTimeoutException) {
                return "no answer in time";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host name " + t.getMessage();
            }
            if (t instanceof SSLException) {
                return "the secure connection failed (" + t.getMessage() + ")";
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static String errorText(ErrorObject err) {
        String code = err.getCode() == null ? "unknown error" : err.getCode();
        return err.getDescription() == null ? code : code + " (" + err.getDescription() + ")";
    }

    private static String who(SsoIdentity identity) {
        return identity.name().equals(identity.subject())
                ? identity.subject() : identity.name() + " (" + identity.subject() + ")";
    }

    private static String firstString(JWTClaimsSet jwt, String... names) {
        for (String n : names) {
            Object v = jwt.getClaim(n);
            if (v instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        return null;
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }

    /** "1 s", "90 s", "10 min", "2 h 5 min". */
    static String words(Duration d) {
        long s = Math.abs(d.toSeconds());
        if (s < 120) {
            return s + " s";
        }
        long min = Math.round(s / 60.0);
        if (min < 120) {
            return min + " min";
        }
        return (min / 60) + " h " + (min % 60) + " min";
    }
}
