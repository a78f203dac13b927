package io.plantconsole.kernel.identity;

/** The check every service command makes first. */
public final class Authorizer {

    private Authorizer() {
    }

    /**
     * @throws AccessDeniedException when nobody is signed in (or the screen is locked), or the session's role may not
     *                               run {@code permission}
     */
    public static Session require(Session session, Permission permission) {
        Permissions.whyNot(session == null ? null : session.role(), permission).ifPresent(why -> {
            throw new AccessDeniedException(permission, why);
        });
        return session;
    }
}
