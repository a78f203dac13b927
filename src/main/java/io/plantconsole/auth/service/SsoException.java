package io.plantconsole.auth.service;

/** A single sign-on that did not succeed; the message is written for the person at the console. */
public class SsoException extends RuntimeException {

    /** Why, for tests and for the audit record of a failed login. */
    public enum Reason {
        PROVIDER_UNREACHABLE, CANCELLED, TIMED_OUT, TOKEN_EXPIRED, CLOCK_SKEW, INVALID_RESPONSE, WRONG_USER, NO_ROLE
    }

    private final Reason reason;

    public SsoException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public SsoException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
