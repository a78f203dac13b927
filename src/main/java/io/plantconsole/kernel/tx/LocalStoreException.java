package io.plantconsole.kernel.tx;

import java.nio.file.Path;

/**
 * The local store cannot be opened or cannot commit. The message names the file and says the cause in words
 * (read-only folder, disk full, corrupt file…); what was committed before is kept.
 */
public final class LocalStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Path file;

    public LocalStoreException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The database file concerned. */
    public Path file() {
        return file;
    }
}
