package io.plantconsole.ui.dialog;

import java.util.Arrays;
import java.util.Objects;

/**
 * A secret to show once (a one-time password): the dialog's title and header, the sentence that says what to do
 * with it, and the secret itself, which {@link Dialogs#showSecret} wipes when its dialog closes.
 */
public record OneTimeSecret(String title, String header, String instruction, char[] secret) {
    /** The header every one-time secret dialog shows unless told otherwise. */
    public static final String SHOWN_ONCE = "Shown only now: note it before closing";

    public OneTimeSecret {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(instruction, "instruction");
        Objects.requireNonNull(secret, "secret");
    }

    /** Overwrites the secret. */
    public void wipe() {
        Arrays.fill(secret, '\0');
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return "OneTimeSecret[" + title + "]";
    }
}
