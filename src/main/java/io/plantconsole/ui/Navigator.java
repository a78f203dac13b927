package io.plantconsole.ui;

import java.util.Optional;

/** How a screen reaches another screen (a drill-down): the shell implements it. FX thread. */
public interface Navigator {

    /** Shows the screen with this id, if the signed-in role may open it. */
    void show(String screenId);

    /** The controller of a loaded screen, to hand it what the drill-down is about. */
    <C> Optional<C> controller(String screenId, Class<C> type);
}
