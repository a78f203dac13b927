package io.plantconsole.app.shell;

import io.plantconsole.audit.service.AuditService;
import io.plantconsole.auth.service.LoginService;
import io.plantconsole.auth.service.SignatureService;
import io.plantconsole.auth.service.UserAdminService;
import io.plantconsole.auth.service.RoleMapping;
import io.plantconsole.auth.service.SingleSignOn;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is signed in and what they may do: the services behind the sign-in gate, the Users and Audit screens and the
 * signature dialog. Every command blocks (disk, password hashing): run it on a background thread.
 *
 * @param login      sign-in, sign-out, session lock, own password
 * @param users      account administration (Admin)
 * @param audit      audit log reading, verification, export (QA Manager, Admin)
 * @param signatures electronic signatures
 * @param sso        single sign-on, when the site config names an identity provider
 * @param roles      the site's group-to-role mapping, with {@code sso}
 * @param signInHint a line under the sign-in form (demo mode: where the one-time passwords are), or empty
 */
public record IdentityServices(LoginService login, UserAdminService users, AuditService audit,
        SignatureService signatures, Optional<SingleSignOn> sso, Optional<RoleMapping> roles, String signInHint) {

    /** Without single sign-on. */
    public IdentityServices(LoginService login, UserAdminService users, AuditService audit,
            SignatureService signatures) {
        this(login, users, audit, signatures, Optional.empty(), Optional.empty(), "");
    }

    public IdentityServices {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(signatures, "signatures");
        Objects.requireNonNull(sso, "sso");
        Objects.requireNonNull(roles, "roles");
        Objects.requireNonNull(signInHint, "signInHint");
    }
}
