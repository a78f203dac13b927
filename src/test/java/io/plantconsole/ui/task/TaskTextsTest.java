package io.plantconsole.ui.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** What the status bar and the task list say about tasks, without the toolkit. */
class TaskTextsTest {

    @Test
    void idleWhenNothingRunsAndTheRunningTaskWithItsPercentOtherwise() throws Exception {
        BackgroundTasks done = BackgroundTasks.synchronous();
        done.lane("audit").submit("Load audit events", p -> null, r -> { });
        assertThat(TaskTexts.summary(done.recent())).isEqualTo(TaskTexts.IDLE);

        java.util.concurrent.BlockingQueue<Runnable> fx = new java.util.concurrent.LinkedBlockingQueue<>();
        BackgroundTasks tasks = BackgroundTasks.threaded(fx::add, Clock.systemUTC());
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            BackgroundTask export = tasks.lane("audit").submit("Export audit log to PDF", p -> {
                p.update(0.4, "Writing event 4 of 10");
                reported.countDown();
                release.await();
                return null;
            }, r -> { });
            tasks.lane("audit").submit("Load audit events", p -> null, r -> { });
            assertThat(reported.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            Runnable r;
            while ((r = fx.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS)) != null) {
                r.run();
            }
            assertThat(TaskTexts.current(tasks.recent())).isSameAs(export);
            assertThat(TaskTexts.summary(tasks.recent())).isEqualTo("2 tasks · Export audit log to PDF 40 %");
            assertThat(TaskTexts.state(export)).isEqualTo("running · 40 % · Writing event 4 of 10");
            assertThat(TaskTexts.state(tasks.recent().get(0))).isEqualTo("queued");
            export.cancel();
            assertThat(TaskTexts.state(export)).startsWith("cancelling…");
        } finally {
            release.countDown();
            tasks.close();
        }
    }

    @Test
    void endedTasksSayHowTheyEndedInWords() {
        BackgroundTasks tasks = BackgroundTasks.synchronous();
        BackgroundTask failed = tasks.lane("audit").submit("Export audit log to PDF", p -> {
            throw new IOException("disk full: /exports/audit.pdf");
        }, r -> { }, f -> { });
        BackgroundTask ok = tasks.lane("users").submit("Read the user accounts", p -> 4, r -> { });
        tasks.close();
        BackgroundTask closing = tasks.lane("users").submit("Unlock account olivia", p -> null, r -> { }, f -> { });
        assertThat(TaskTexts.state(failed)).isEqualTo("failed: disk full: /exports/audit.pdf");
        assertThat(TaskTexts.state(ok)).isEqualTo("done");
        assertThat(TaskTexts.state(closing)).isEqualTo("cancelled: the console is closing");
        assertThat(TaskTexts.time(ok, ZoneOffset.UTC)).matches("\\d\\d:\\d\\d:\\d\\d, took < 1 s");
    }

    @Test
    void percentsAndDurationsReadNaturally() {
        assertThat(TaskTexts.percent(0.404)).isEqualTo("40 %");
        assertThat(TaskTexts.percent(1.5)).isEqualTo("100 %");
        assertThat(TaskTexts.duration(Duration.ofSeconds(4))).isEqualTo("4 s");
        assertThat(TaskTexts.duration(Duration.ofSeconds(125))).isEqualTo("2 min 05 s");
    }
}
