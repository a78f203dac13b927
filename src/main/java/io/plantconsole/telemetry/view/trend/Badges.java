package io.plantconsole.telemetry.view.trend;

import javafx.css.PseudoClass;
import javafx.scene.control.Label;

/** Quality badges ({@code .quality-badge}): the text says the state, the pseudo-class picks the colour. */
public final class Badges {
    static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    static final PseudoClass BAD = PseudoClass.getPseudoClass("bad");

    private Badges() {
    }

    /** Shows a pen's state on a badge; hidden while the pen is live. FX thread. */
    public static void show(Label badge, PenState state) {
        badge.setText(state.badge());
        badge.pseudoClassStateChanged(STALE, state == PenState.STALE || state == PenState.NO_DATA);
        badge.pseudoClassStateChanged(BAD, state == PenState.BAD);
        boolean shown = state != PenState.LIVE;
        badge.setVisible(shown);
        badge.setManaged(shown);
    }
}
