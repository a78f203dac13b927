package io.plantconsole.auth.service;

import io.plantconsole.auth.model.Permission;
import io.plantconsole.auth.model.Permissions;
import io.plantconsole.auth.model.Session;

/** The check every service command makes first. */
public final class Authorizer {

    private Authorizer() {
    }

    /**
     * @throws AuthException          when nobody is signed in
     * @throws AccessDeniedException  when the session's role may not run {@code permission}
     */
    public static Session require(Session session, Permission permission) {
        if (session == null) {
            throw new AuthException(AuthException.Reason.NOT_SIGNED_IN, "Sign in first.");
        }
        Permissions.whyNot(session.role(), permission).ifPresent(why -> {
            throw new AccessDeniedException(permission, why);
        });
        return session;
    }
}
