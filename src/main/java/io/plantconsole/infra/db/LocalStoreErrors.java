package io.plantconsole.infra.db;

import io.plantconsole.kernel.tx.LocalStoreException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlite.SQLiteException;

/** Turns SQLite and file-system failures of the {@link LocalStore} into messages naming the file and the cause. */
final class LocalStoreErrors {

    private LocalStoreErrors() {
    }

    /** A {@link LocalStoreException} naming the file, the action and the cause in words. */
    static LocalStoreException failure(Path file, String action, Throwable error) {
        SQLException sql = findSqlException(error);
        String words;
        if (sql instanceof SQLiteException sqlite) {
            words = explain(sqlite.getResultCode().code & 0xFF);
        } else if (sql != null) {
            words = "database error";
        } else {
            words = "migration failed";
        }
        String detail = sql != null ? sql.getMessage() : error.getMessage();
        return new LocalStoreException(file, "Local store " + file + ": cannot " + action + ": " + words
                + (detail != null ? " [" + detail.strip() + "]" : ""), error);
    }

    private static String explain(int primaryCode) {
        switch (primaryCode) {
            case 13: // SQLITE_FULL
                return "the disk is full; free space and retry (records committed before are kept)";
            case 8: // SQLITE_READONLY
                return "the file or its folder is read-only";
            case 14: // SQLITE_CANTOPEN
                return "the file cannot be opened: its folder is missing, read-only or not accessible";
            case 11: // SQLITE_CORRUPT
            case 26: // SQLITE_NOTADB
                return "the file is corrupt or is not a Plant Console database; it was left untouched: move it"
                        + " aside, keep it for recovery, and restart";
            case 10: // SQLITE_IOERR
                return "a disk I/O error occurred (failing disk, removed drive or network share)";
            case 5: // SQLITE_BUSY
            case 6: // SQLITE_LOCKED
                return "the file is locked by another process (is a second console using this data folder?)";
            case 1: // SQLITE_ERROR
                return "the SQL statement failed";
            case 19: // SQLITE_CONSTRAINT
                return "a constraint was violated (duplicate key, missing reference or NULL)";
            case 3: // SQLITE_PERM
            case 23: // SQLITE_AUTH
                return "permission denied";
            default:
                return "SQLite error " + primaryCode;
        }
    }

    private static SQLException findSqlException(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException e) {
                return e;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** A file-system failure in words: its kind, the reason and the path. */
    static String describe(IOException e) {
        String kind;
        if (e instanceof AccessDeniedException) {
            kind = "access denied";
        } else if (e instanceof FileAlreadyExistsException) {
            kind = "a file is in the way";
        } else if (e instanceof NoSuchFileException) {
            kind = "no such file or folder";
        } else {
            kind = e.getClass().getSimpleName();
        }
        String reason = e instanceof FileSystemException fse && fse.getReason() != null ? ", " + fse.getReason() : "";
        String where = e instanceof FileSystemException fse && fse.getFile() != null ? fse.getFile() : e.getMessage();
        return kind + reason + ": " + where;
    }
}
