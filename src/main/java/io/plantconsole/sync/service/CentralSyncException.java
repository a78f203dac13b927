package io.plantconsole.sync.service;

import java.util.Objects;

/** The centre could not take a batch. The message says why in words (never a password). */
public final class CentralSyncException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Whether the centre could not be reached at all, or answered with an error. */
    public enum Kind { OFFLINE, ERROR }

    private final Kind kind;

    public CentralSyncException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
