package io.plantconsole.infra.oidc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The redirect listener of one sign-in (RFC 8252 §7.3): an HTTP server on 127.0.0.1 at a port the system picks,
 * answering only {@code GET /callback}. It hands the first answer whose {@code state} matches to the waiting sign-in
 * thread and keeps the browser's request open until the sign-in has an outcome, so the page can say how it ended. An
 * answer with another {@code state} (a forged or stale redirect) is answered with a refusal and ignored: the sign-in
 * keeps waiting for its own. A request that is not read or answered in time is closed
 * ({@value #REQUEST_SECONDS} s), so a connection that never finishes its request cannot hold a handler.
 *
 * <p>The query (authorization code, state) is never logged. Runs its handlers on its own two daemon threads
 * ({@code sso-loopback-N}); {@link #close()} closes the port.
 */
final class LoopbackReceiver implements AutoCloseable {

    static final String PATH = "/callback";
    /** How long one request may take to arrive and to be answered, in seconds (JDK HTTP server limits). */
    static final int REQUEST_SECONDS = 10;


    private static final long PAGE_WAIT_SECONDS = 30;
    private static final Duration PAGE_WAIT = Duration.ofSeconds(PAGE_WAIT_SECONDS);
    static {
        // The JDK server reads these once; each bounds how long a single request may take to arrive / be answered.
        System.setProperty("sun.net.httpserver.maxReqTime", System.getProperty("sun.net.httpserver.maxReqTime",
                Integer.toString(REQUEST_SECONDS)));
        System.setProperty("sun.net.httpserver.maxRspTime", System.getProperty("sun.net.httpserver.maxRspTime",
                Long.toString(PAGE_WAIT_SECONDS + REQUEST_SECONDS)));
    }

    private static final AtomicInteger THREADS = new AtomicInteger();

    /** What the browser brought back for this sign-in's {@code state}: the full redirect URI (with its query). */
    record Callback(URI uri) { }

    /** What the browser page says at the end. */
    private record Page(int status, String message) { }

    private final String expectedState;
    private final HttpServer server;
    private final ExecutorService executor;
    private final CompletableFuture<Callback> callback = new CompletableFuture<>();
    private final CompletableFuture<Page> page = new CompletableFuture<>();
    private final AtomicInteger forged = new AtomicInteger();

    private LoopbackReceiver(String expectedState) throws IOException {
        this.expectedState = expectedState;
        InetAddress loopback = InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        server = HttpServer.create(new InetSocketAddress(loopback, 0), 4);
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "sso-loopback-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Opens the port; the caller must {@link #close()} it. */
    static LoopbackReceiver start(String expectedState) throws IOException {
        LoopbackReceiver r = new LoopbackReceiver(expectedState);
        r.server.start();
        return r;
    }

    /** {@code http://127.0.0.1:PORT/callback}. */
    URI redirectUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    /**
     * Waits for the browser.
     *
     * @throws TimeoutException when nothing arrived in time
     */
    Callback await(Duration timeout) throws TimeoutException, InterruptedException {
        try {
            return callback.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** How many answers with another {@code state} were refused while waiting. */
    int refusedAnswers() {
        return forged.get();
    }

    /** Sets the page the browser gets; call once the sign-in has an outcome. */
    void finish(boolean signedIn, String message) {
        page.complete(new Page(signedIn ? 200 : 400, message));
    }

    @Override
    public void close() {
        page.complete(new Page(400, "The sign-in was stopped at the console. Start it again from Plant Console."));
        server.stop(1);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) || !PATH.equals(ex.getRequestURI().getPath())) {
                respond(ex, 404, "Not found.");
                return;
            }
            Map<String, String> query = parseQuery(ex.getRequestURI().getRawQuery());
            if (!query.containsKey("code") && !query.containsKey("error")) {
                respond(ex, 400, "This address only receives the answer of the identity provider.");
                return;
            }
            if (!expectedState.equals(query.get("state"))) {
                forged.incrementAndGet();
                respond(ex, 400, "This answer does not belong to the sign-in that Plant Console started, so it was"
                        + " refused. If you are signing in, finish it in the window Plant Console opened.");
                return;
            }
            URI uri = URI.create(redirectUri() + "?" + nullToEmpty(ex.getRequestURI().getRawQuery()));
            if (!callback.complete(new Callback(uri))) {
                respond(ex, 400, "This sign-in has already been answered. Start a new one from Plant Console.");
                return;
            }
            Page p;
            try {
                p = page.get(PAGE_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                p = new Page(200, "Plant Console received the answer. Return to the console to see the result.");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            respond(ex, p.status(), p.message());
        }
    }

    private static void respond(HttpExchange ex, int status, String message) throws IOException {
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Plant Console sign-in"
                + "</title></head><body style=\"font-family:sans-serif;margin:3em\"><h1>Plant Console</h1><p>"
                + escape(message) + "</p></body></html>";
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw == null) {
            return m;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            m.putIfAbsent(k, v);
        }
        return m;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
