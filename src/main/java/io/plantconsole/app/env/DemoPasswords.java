package io.plantconsole.app.env;

import io.plantconsole.auth.service.UserAdminService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The demo accounts' one-time passwords, kept for the demo's sign-in screen (demo only: a site never has one) in
 * {@code demo-users} in the demo's data folder, readable by its owner only. A newcomer signs in without searching
 * the log; each password stops working once changed at the first sign-in.
 */
final class DemoPasswords {
    static final String FILE = "demo-users";

    private DemoPasswords() {
    }

    static void write(Path demoDir, List<UserAdminService.Issued> issued) {
        if (issued.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (UserAdminService.Issued i : issued) {
            text.append(i.account().username()).append(' ').append(i.oneTimePassword()).append('\n');
        }
        Path file = demoDir.resolve(FILE);
        try {
            Files.deleteIfExists(file);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the demo passwords in " + file + ": " + e.getMessage(), e);
        }
    }

    /** "user password" lines, or empty when the file is missing or unreadable. */
    static List<String> read(Path demoDir) {
        Path file = demoDir.resolve(FILE);
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).map(l -> l.replaceFirst(" ", ": ")).toList() : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}
