package io.plantconsole.ui.dialog;

import java.util.Objects;

/**
 * What a confirmation says before a command with consequences runs: the title, the question (header), what will
 * happen (consequences, in full sentences) and the text of the button that confirms; the other button is "Cancel",
 * and it is the default. Plain data: view models make them, {@link Dialogs} shows them.
 */
public record Confirmation(String title, String header, String consequences, String confirmText) {
    public Confirmation {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(consequences, "consequences");
        Objects.requireNonNull(confirmText, "confirmText");
    }
}
