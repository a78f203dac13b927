package io.plantconsole.auth.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A person as the identity provider vouched for them, after the ID token was verified (signature, issuer, audience,
 * expiry, nonce).
 *
 * @param issuer    the identity provider's issuer URL
 * @param subject   the provider's stable id for the person ({@code sub})
 * @param name      display name, or the subject when the provider sends none
 * @param email     e-mail address, or {@code null}
 * @param groups    the provider's groups claim (mapped to roles by the site config)
 * @param authTime  when the person last entered credentials at the provider
 * @param expiresAt when the ID token expires
 */
public record SsoIdentity(String issuer, String subject, String name, String email, Set<String> groups,
        Instant authTime, Instant expiresAt) {

    public SsoIdentity {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(name, "name");
        groups = Set.copyOf(groups);
        Objects.requireNonNull(authTime, "authTime");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
