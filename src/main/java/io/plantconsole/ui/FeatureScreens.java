package io.plantconsole.ui;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The screens one feature adds to the console (ADR 0015). A feature's wiring class implements it; the shell builds
 * navigation, stylesheets, shortcuts and controllers from the list, so adding a screen touches its feature only.
 */
public interface FeatureScreens {

    /** The feature's screens in navigation order. Called once, on the FX thread, when the shell is built. */
    List<ScreenSpec> screens(ScreenContext context);

    /**
     * Controllers of the feature's views that are not screens (the sign-in gate, dialogs loaded from FXML), as
     * (type, supplier) pairs for the FXML controller factory.
     */
    default void registerControllers(ScreenContext context, BiConsumer<Class<?>, Supplier<?>> registry) {
    }
}
