package io.plantconsole.ui.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackgroundTasksTest {

    @Test
    void aSynchronousTaskDeliversItsResultBeforeSubmitReturnsAndEndsDone() {
        BackgroundTasks tasks = BackgroundTasks.synchronous();
        List<String> seen = new ArrayList<>();
        BackgroundTask t = tasks.lane("users").submit("Load accounts", p -> {
            p.update(0.5, "half way");
            return "4 accounts";
        }, seen::add);
        assertThat(seen).containsExactly("4 accounts");
        assertThat(t.state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(t.progressProperty().get()).isEqualTo(1.0);
        assertThat(t.messageProperty().get()).isEqualTo("half way");
        assertThat(tasks.recent()).containsExactly(t);
        assertThat(tasks.runningProperty().get()).isZero();
        assertThat(tasks.lane("users").isBusy()).isFalse();
    }

    @Test
    void aFailureReachesTheHandlerInWordsAndTheTaskListKeepsIt() {
        BackgroundTasks tasks = BackgroundTasks.synchronous();
        List<TaskFailure> failures = new ArrayList<>();
        BackgroundTask t = tasks.lane("audit").submit("Export", p -> {
            throw new IOException("disk full: /exports/audit.pdf");
        }, r -> { throw new AssertionError("no success expected"); }, failures::add);
        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.words()).isEqualTo("disk full: /exports/audit.pdf");
            assertThat(f.cancelled()).isFalse();
        });
        assertThat(t.state()).isEqualTo(TaskState.FAILED);
        assertThat(t.outcomeProperty().get()).isEqualTo("disk full: /exports/audit.pdf");
    }

    @Test
    void failureWordsFallBackToTheKindWhenTheExceptionSaysNothing() {
        assertThat(TaskFailures.inWords(new IllegalStateException())).isEqualTo("failed: IllegalStateException");
        assertThat(TaskFailures.inWords(new java.util.concurrent.CompletionException(new IOException("refused"))))
                .isEqualTo("refused");
    }

    @Test
    void aRunningTaskStopsAtItsNextCheckWhenCancelledAndEndsCancelled() throws Exception {
        BlockingQueue<Runnable> fxQueue = new LinkedBlockingQueue<>();
        BackgroundTasks tasks = BackgroundTasks.threaded(fxQueue::add, Clock.systemUTC());
        CountDownLatch started = new CountDownLatch(1);
        List<TaskFailure> failures = new ArrayList<>();
        BackgroundTask t = tasks.lane("inference").submit("Grade lot", p -> {
            started.countDown();
            while (true) {
                p.checkCancelled();
                Thread.sleep(5);
            }
        }, r -> { }, failures::add);
        assertThat(tasks.lane("inference").isBusy()).isTrue();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        t.cancel();
        drainUntil(fxQueue, () -> t.state().ended());
        assertThat(t.state()).isEqualTo(TaskState.CANCELLED);
        assertThat(failures).singleElement().extracting(TaskFailure::cancelled).isEqualTo(true);
        assertThat(tasks.lane("inference").isBusy()).isFalse();
        tasks.close();
    }

    @Test
    void tasksOfOneLaneRunInOrderAndAQueuedTaskCancelledNeverRuns() throws Exception {
        BlockingQueue<Runnable> fxQueue = new LinkedBlockingQueue<>();
        BackgroundTasks tasks = BackgroundTasks.threaded(fxQueue::add, Clock.systemUTC());
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        TaskLane lane = tasks.lane("users");
        BackgroundTask first = lane.submit("first", p -> {
            release.await();
            ran.add("first");
            return null;
        }, r -> { });
        BackgroundTask second = lane.submit("second", p -> ran.add("second"), r -> { });
        BackgroundTask third = lane.submit("third", p -> ran.add("third"), r -> { });
        second.cancel();
        release.countDown();
        drainUntil(fxQueue, () -> third.state().ended());
        assertThat(ran).containsExactly("first", "third");
        assertThat(first.state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(second.state()).isEqualTo(TaskState.CANCELLED);
        assertThat(tasks.recent()).containsExactly(third, second, first);
        assertThat(tasks.runningProperty().get()).isZero();
        tasks.close();
    }

    @Test
    void progressReportsAreCoalescedSoABusyLoopCannotFloodTheFxThread() throws Exception {
        BlockingQueue<Runnable> fxQueue = new LinkedBlockingQueue<>();
        BackgroundTasks tasks = BackgroundTasks.threaded(fxQueue::add, Clock.systemUTC());
        CountDownLatch reported = new CountDownLatch(1);
        BackgroundTask t = tasks.lane("reports").submit("Report", p -> {
            for (int i = 1; i <= 10_000; i++) {
                p.update(i / 10_000.0, "page " + i);
            }
            reported.countDown();
            return null;
        }, r -> { });
        assertThat(reported.await(5, TimeUnit.SECONDS)).isTrue();
        // nobody ran the FX queue meanwhile: "running", at most one progress hop and perhaps the outcome wait there
        assertThat(fxQueue).hasSizeLessThanOrEqualTo(3);
        drainUntil(fxQueue, () -> t.state().ended());
        assertThat(t.messageProperty().get()).isEqualTo("page 10000");
        tasks.close();
    }

    @Test
    void aTaskSubmittedAfterCloseEndsCancelledAndItsFailureHandlerHearsWhy() {
        BackgroundTasks tasks = BackgroundTasks.synchronous();
        tasks.close();
        List<TaskFailure> failures = new ArrayList<>();
        List<String> ran = new ArrayList<>();
        BackgroundTask t = tasks.lane("audit").submit("Export", p -> ran.add("ran"), r -> { }, failures::add);
        assertThat(ran).isEmpty();
        assertThat(t.state()).isEqualTo(TaskState.CANCELLED);
        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.cancelled()).isTrue();
            assertThat(f.words()).isEqualTo(BackgroundTasks.CLOSING);
        });
        assertThat(tasks.lane("audit").isBusy()).isFalse();
    }

    @Test
    void aLaneHandsListenerCallsToTheFxThroughTheSeam() throws Exception {
        BlockingQueue<Runnable> fxQueue = new LinkedBlockingQueue<>();
        BackgroundTasks tasks = BackgroundTasks.threaded(fxQueue::add, Clock.systemUTC());
        List<String> seen = new ArrayList<>();
        tasks.lane("auth").toFx(() -> seen.add("session changed"));
        assertThat(seen).isEmpty();
        fxQueue.take().run();
        assertThat(seen).containsExactly("session changed");
        tasks.close();
    }

    /** Runs the FX hand-offs as the FX thread would, until the condition holds; returns how many ran. */
    private static int drainUntil(BlockingQueue<Runnable> fx, java.util.function.BooleanSupplier done)
            throws InterruptedException {
        int n = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean()) {
            Runnable r = fx.poll(100, TimeUnit.MILLISECONDS);
            if (r != null) {
                r.run();
                n++;
            }
            assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
        }
        Runnable r;
        while ((r = fx.poll()) != null) {
            r.run();
            n++;
        }
        return n;
    }
}
