package io.plantconsole.infra.postgres;

/** The central database cannot be used; the message says why in words, never with the password. */
public final class CentralDatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final CentralErrors.Category category;

    public CentralDatabaseException(CentralErrors.Category category, String message, Throwable cause) {
        super(message, cause);
        this.category = category;
    }

    public CentralErrors.Category category() {
        return category;
    }
}
