package io.plantconsole.app.ui;

import io.plantconsole.audit.service.AuditService;
import io.plantconsole.auth.service.LoginService;
import io.plantconsole.auth.service.SignatureService;
import io.plantconsole.auth.service.UserAdminService;
import java.util.Objects;

/**
 * Who is signed in and what they may do: the services behind the sign-in gate, the Users and Audit screens and the
 * signature dialog. Every command blocks (disk, password hashing): run it on a background thread.
 *
 * @param login      sign-in, sign-out, session lock, own password
 * @param users      account administration (Admin)
 * @param audit      audit log reading, verification, export (QA Manager, Admin)
 * @param signatures electronic signatures
 */
public record IdentityServices(LoginService login, UserAdminService users, AuditService audit,
        SignatureService signatures) {

    public IdentityServices {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(signatures, "signatures");
    }
}
