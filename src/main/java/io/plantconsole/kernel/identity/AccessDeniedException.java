package io.plantconsole.kernel.identity;

/** A command refused because the session's role may not run it; the message says who may. */
public class AccessDeniedException extends RuntimeException {
    private final Permission permission;

    public AccessDeniedException(Permission permission, String message) {
        super(message);
        this.permission = permission;
    }

    public Permission permission() {
        return permission;
    }
}
