package io.plantconsole.audit.view;

import io.plantconsole.kernel.audit.ChainVerification;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The Audit screen's chain banner: the state after the last verification as a badge (a symbol and a word, so it
 * never depends on colour) and a sentence, and where the chain broke. FX thread.
 */
public final class ChainBanner {
    private final ReadOnlyObjectWrapper<ChainState> state = new ReadOnlyObjectWrapper<>(this, "state",
            ChainState.NOT_VERIFIED);
    private final ReadOnlyStringWrapper badge = new ReadOnlyStringWrapper(this, "badge", "? NOT VERIFIED");
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text",
            "The chain has not been verified in this session. Use \"Verify local chain\".");
    private long brokenAtSeq;

    public ReadOnlyObjectProperty<ChainState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty badgeProperty() {
        return badge.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** The seq where the last verification found the chain broken; 0 when it did not. */
    long brokenAtSeq() {
        return brokenAtSeq;
    }

    void unavailable(String why) {
        badge.set("— UNAVAILABLE");
        text.set(why);
    }

    /**
     * Shows a verification's result; returns the one-line message for the screen.
     *
     * @param where      "local" or "central"
     * @param verifiedAt the local time of the verification, in words
     */
    String show(ChainVerification v, String where, String verifiedAt) {
        brokenAtSeq = v.intact() ? 0 : v.brokenAtSeq();
        if (v.intact()) {
            state.set(ChainState.INTACT);
            badge.set("✔ INTACT");
            text.set("Chain intact: " + v.checked() + " events (" + where + "). Console " + v.consoleId()
                    + ", head " + v.headHash().substring(0, 12) + "…, verified " + verifiedAt + "."
                    + (v.detail() == null ? "" : " " + v.detail() + "."));
            return "Verified the " + where + " chain: intact.";
        }
        state.set(ChainState.BROKEN);
        badge.set("✖ BROKEN");
        text.set("Chain BROKEN at event " + v.brokenAtSeq() + " (" + v.problem() + "): " + v.detail()
                + " [" + where + "; " + v.checked() + (v.checked() == 1 ? " event" : " events")
                + " checked before the break]");
        return "Verified the " + where + " chain: BROKEN at event " + v.brokenAtSeq() + ".";
    }

    /** A verification that could not run: the chain is not claimed either way. */
    void failed(String where, String why) {
        state.set(ChainState.FAILED);
        badge.set("! NOT VERIFIED");
        text.set("Could not verify the " + where + " chain: " + why);
    }
}
