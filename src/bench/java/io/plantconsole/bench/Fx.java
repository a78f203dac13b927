package io.plantconsole.bench;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/** Starts the JavaFX toolkit once for the whole run and runs code on the FX thread. */
final class Fx {
    private static boolean started;
    private static Throwable failure;

    private Fx() {
    }

    /** Starts the toolkit if it is not running; false (with {@link #failure()}) when it cannot start. */
    static synchronized boolean start() {
        if (started) {
            return true;
        }
        if (failure != null) {
            return false;
        }
        CountDownLatch ready = new CountDownLatch(1);
        try {
            Platform.startup(ready::countDown);
            if (!ready.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("JavaFX did not start within 30 s");
            }
            Platform.setImplicitExit(false);
            started = true;
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("already initialized")) {
                Platform.setImplicitExit(false);
                started = true;
            } else {
                failure = e;
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        }
        return started;
    }

    static synchronized Throwable failure() {
        return failure;
    }

    static synchronized boolean isStarted() {
        return started;
    }

    /** Runs on the FX thread and waits for the result. */
    static <T> T call(Callable<T> task, long timeoutMillis) throws Exception {
        if (Platform.isFxApplicationThread()) {
            return task.call();
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    static void run(Runnable task, long timeoutMillis) throws Exception {
        call(() -> {
            task.run();
            return null;
        }, timeoutMillis);
    }

    /** Name of the Prism pipeline in use (for example {@code SWPipeline}), or why it is unknown. */
    static String pipeline() {
        try {
            Object p = Class.forName("com.sun.prism.GraphicsPipeline").getMethod("getPipeline").invoke(null);
            return p == null ? "none" : p.getClass().getSimpleName();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return "unknown (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** Asks the toolkit to exit, waiting at most a few seconds (a stuck FX thread must not hang the run). */
    static void exit() {
        if (!isStarted()) {
            return;
        }
        Thread t = new Thread(Platform::exit, "bench-fx-exit");
        t.setDaemon(true);
        t.start();
        try {
            t.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
