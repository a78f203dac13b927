package io.plantconsole.ui;

/**
 * A view's live-feed lifecycle: subscribe on show, unsubscribe on hide. The shell calls these on the FX thread when
 * it switches screens, so a hidden view never polls the hub or repaints.
 */
public interface ViewLifecycle {

    /** The view became visible: start its {@link FxPulse} and bring it up to date. FX thread. */
    void onShow();

    /** The view was hidden: stop its pulse. FX thread. */
    void onHide();

    /** The view will not be shown again: stop everything it started. FX thread. */
    default void dispose() {
        onHide();
    }
}
