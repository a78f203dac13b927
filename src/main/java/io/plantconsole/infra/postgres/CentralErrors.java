package io.plantconsole.infra.postgres;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import javax.net.ssl.SSLException;

/** Turns a failure talking to the central PostgreSQL into words an operator can act on. */
public final class CentralErrors {

    /** What went wrong, broadly. */
    public enum Category {
        UNREACHABLE("the central database is unreachable"),
        BAD_CREDENTIALS("bad credentials for the central database"),
        TLS("TLS failure talking to the central database"),
        DATABASE_MISSING("the central database does not exist"),
        SCHEMA_TOO_NEW("the central schema is newer than this console"),
        SCHEMA_TOO_OLD("the central schema is older than this console"),
        LOGIN_TOO_POWERFUL("the console's central login holds more than plant_console_app"),
        OTHER("the central database reported an error");

        private final String words;

        Category(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    private CentralErrors() {
    }

    /** The category of {@code failure}, looking through its causes (Hikari and Flyway wrap the driver's error). */
    public static Category classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException) {
                return Category.TLS;
            }
        }
        String state = deepestSqlState(failure);
        if (state != null) {
            if (state.equals("28P01") || state.equals("28000")) {
                return Category.BAD_CREDENTIALS;
            }
            if (state.equals("3D000")) {
                return Category.DATABASE_MISSING;
            }
            if (state.startsWith("08")) {
                String text = allMessages(failure);
                if (text.contains("SSL") || text.contains("certificate") || tlsReason(failure) != null) {
                    return Category.TLS;
                }
                return Category.UNREACHABLE;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
                return Category.UNREACHABLE;
            }
        }
        return Category.OTHER;
    }

    /**
     * A one-line message: the category in words, the target (host/port/database, never the password) and the
     * driver's own words, e.g. "bad credentials for the central database at jdbc:postgresql://db:5432/central
     * (user plant): FATAL: password authentication failed for user "plant" [28P01]".
     */
    public static String describe(Throwable failure, String url, String user) {
        Category c = classify(failure);
        String state = deepestSqlState(failure);
        String detail = deepestMessage(failure);
        String tls = c == Category.TLS ? tlsReason(failure) : null;
        StringBuilder sb = new StringBuilder(tls != null ? tls : c.words()).append(" at ").append(stripQuery(url));
        if (user != null) {
            sb.append(" (user ").append(user).append(')');
        }
        if (detail != null) {
            sb.append(": ").append(detail);
        }
        if (state != null) {
            sb.append(" [").append(state).append(']');
        }
        return sb.toString();
    }

    /**
     * For a certificate failure, what is wrong with the certificate in words:
     * "TLS: the server certificate does not match the host name" (verify-full found another name in it) or
     * "TLS: the server certificate is not trusted" (it is not signed by the root certificate, or expired);
     * {@code null} when the failure is not about the server's certificate.
     */
    public static String tlsReason(Throwable failure) {
        String text = allMessages(failure).toLowerCase(java.util.Locale.ROOT);
        if (text.contains("could not be verified by hostnameverifier") || text.contains("no subject alternative")
                || text.contains("does not match") && text.contains("certificate")) {
            return "TLS: the server certificate does not match the host name";
        }
        if (text.contains("pkix path") || text.contains("unable to find valid certification path")
                || text.contains("certificate_unknown") || text.contains("certificateexpired")
                || text.contains("certificate expired") || text.contains("notyetvalid")) {
            return "TLS: the server certificate is not trusted";
        }
        return null;
    }

    /** The SQLState of the innermost SQLException that has one. */
    static String deepestSqlState(Throwable failure) {
        String state = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                state = s.getSQLState();
            }
        }
        return state;
    }

    private static String deepestMessage(Throwable failure) {
        String msg = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                msg = t.getMessage();
            }
        }
        return msg == null ? null : msg.replaceAll("\\s+", " ").trim();
    }

    private static String allMessages(Throwable failure) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            sb.append(t.getMessage()).append('\n');
        }
        return sb.toString();
    }

    /** The URL without its query (which might carry a password or key file path). */
    public static String stripQuery(String url) {
        if (url == null) {
            return "?";
        }
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
