package io.plantconsole.app.env;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where each environment keeps its data (issue 9): the site in the base folder, the demo in {@code demo/} below it,
 * so a site never sees a demo account, record or audit chain. A marker file names the environment that owns a
 * folder; opening it as the other one is refused in words. Folders are made readable by their owner only.
 */
public final class DataFolders {
    /** The marker file in a data folder: {@code demo} or {@code site}. */
    public static final String MARKER = "environment";
    static final String DEMO_SUBFOLDER = "demo";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private DataFolders() {
    }

    /** The base folder: {@code -Dplantconsole.data}, else {@code $XDG_DATA_HOME/plant-console}, else ~/.local/share. */
    public static Path base() {
        String override = System.getProperty("plantconsole.data");
        if (override != null) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path root = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local",
                "share");
        return root.resolve("plant-console");
    }

    /** The site's data folder (the base folder itself, as before the demo moved out). */
    public static Path site(Path base) {
        return base;
    }

    /** The demo's data folder. */
    public static Path demo(Path base) {
        return base.resolve(DEMO_SUBFOLDER);
    }

    /**
     * Makes {@code dir} (0700) and claims it for {@code environment}, or refuses when another environment owns it.
     * A site folder without a marker that holds the demo's accounts (a console started in demo mode before the demo
     * had its own folder) is refused too: its first administrator would be an account whose password was in a log.
     *
     * @throws IllegalStateException in words, naming the folder and what to do
     */
    public static Path claim(Path dir, String environment, boolean holdsDemoAccounts) {
        try {
            createOwnerOnly(dir);
            Path marker = dir.resolve(MARKER);
            if (Files.exists(marker)) {
                String owner = Files.readString(marker, StandardCharsets.UTF_8).strip();
                if (!owner.equals(environment)) {
                    throw new IllegalStateException("The data folder " + dir + " belongs to the " + owner
                            + " console, not the " + environment + " one. Start the " + environment
                            + " console on another folder (-Dplantconsole.data=…).");
                }
                return dir;
            }
            if (holdsDemoAccounts && !environment.equals("demo")) {
                throw new IllegalStateException("The data folder " + dir + " holds the demo's accounts and records"
                        + " (written by a demo start before the demo had its own folder). Move it away, then start"
                        + " the site console again: a site never inherits demo accounts, records or audit chain.");
            }
            Files.writeString(marker, environment + "\n", StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the data folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Makes the exports folder, readable by its owner only (exports hold audit trails and plant data). */
    public static void exportsFolder(Path dir) {
        try {
            createOwnerOnly(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the exports folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Creates {@code dir} and its missing parents readable by their owner only (where the file system has owners). */
    public static void createOwnerOnly(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
        }
    }
}
