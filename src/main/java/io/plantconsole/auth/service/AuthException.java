package io.plantconsole.auth.service;

/** A sign-in, a password change or an account command that was refused; the message is for the person. */
public class AuthException extends RuntimeException {

    public enum Reason {
        BAD_CREDENTIALS, ACCOUNT_LOCKED, ACCOUNT_DISABLED, PASSWORD_CHANGE_REQUIRED, WEAK_PASSWORD, NOT_SIGNED_IN,
        SESSION_LOCKED, INVALID_INPUT, NOT_FOUND, LAST_ADMIN
    }

    private final Reason reason;

    public AuthException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
