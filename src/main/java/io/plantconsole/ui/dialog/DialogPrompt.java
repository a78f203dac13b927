package io.plantconsole.ui.dialog;

import java.util.Objects;

/**
 * What a dialog that asks for input says: its title, the header (which names the record it changes) and the text of
 * the button that confirms. Plain data: view models make them, {@link Dialogs} shows them.
 */
public record DialogPrompt(String title, String header, String confirmText) {
    public DialogPrompt {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(confirmText, "confirmText");
    }

    /** Whether a reason is given: every dialog that asks for one keeps its confirm button disabled until it is. */
    public static boolean reasonGiven(String reason) {
        return reason != null && !reason.isBlank();
    }
}
