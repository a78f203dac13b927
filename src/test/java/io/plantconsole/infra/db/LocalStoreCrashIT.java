package io.plantconsole.infra.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantconsole.sync.model.OutboxEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A console JVM killed with SIGKILL while it writes loses no committed outbox entry and duplicates none. */
class LocalStoreCrashIT {
    private static final int KILL_AFTER = 300;

    @TempDir
    Path dataDir;

    @Test
    void entries_committed_before_a_kill_minus_nine_survive_exactly_once_across_two_crashes() throws Exception {
        List<UUID> printed = new ArrayList<>();
        int extraAllowed = 0;
        for (int round = 0; round < 2; round++) {
            printed.addAll(runAndKill());
            extraAllowed++; // per crash, one commit may have returned without its line reaching us
        }

        List<OutboxEntry> stored;
        try (LocalStore store = LocalStore.open(dataDir)) {
            stored = store.pending(Integer.MAX_VALUE);
        }
        List<UUID> storedIds = stored.stream().map(OutboxEntry::id).collect(Collectors.toList());

        assertThat(storedIds).doesNotHaveDuplicates();
        assertThat(storedIds).as("every id printed as committed is stored").containsAll(printed);
        assertThat(storedIds).as("printed ids keep their commit order")
                .filteredOn(printed::contains).containsExactlyElementsOf(printed);
        assertThat(storedIds.size()).as("nothing beyond the last printed + 1 per crash")
                .isBetween(printed.size(), printed.size() + extraAllowed);
        assertThat(stored).extracting(OutboxEntry::seq).isSorted();
    }

    /** Starts a writer, kills it with SIGKILL once it has printed {@value #KILL_AFTER} commits. */
    private List<UUID> runAndKill() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWriterMain.class.getName(), dataDir.toString(), "1000000")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<UUID> committed = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith(CrashWriterMain.COMMITTED)) {
                        committed.add(UUID.fromString(line.substring(CrashWriterMain.COMMITTED.length()).trim()));
                    }
                }
            } catch (IOException ignored) {
                // the pipe breaks when the child is killed
            }
        }, "crash-it-reader");
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> committed.size() >= KILL_AFTER || !child.isAlive());
            assertThat(child.isAlive()).as("writer still running when killed").isTrue();
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close()
            child.waitFor(30, TimeUnit.SECONDS);
        }
        reader.join(10_000);
        synchronized (committed) {
            return new ArrayList<>(committed);
        }
    }
}
