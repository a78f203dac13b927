package io.plantconsole.ui;

import io.plantconsole.kernel.identity.Permission;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One screen a feature contributes to the shell: the shell builds its navigation entry, shortcut, stylesheet and
 * controller from this description alone.
 *
 * @param id             stable name, for navigation from code and tests ({@code "trends"})
 * @param title          navigation label
 * @param hint           navigation tooltip and "go to screen" search text
 * @param fxml           classpath resource of the screen's FXML
 * @param stylesheet     classpath resource of the feature's stylesheet (shared by its screens)
 * @param permission     what the signed-in role needs to open it
 * @param controllerType the {@code fx:controller} class of {@code fxml}
 * @param controller     builds a fresh controller with its view model (constructor injection)
 */
public record ScreenSpec(String id, String title, String hint, String fxml, String stylesheet, Permission permission,
        Class<?> controllerType, Supplier<?> controller) {

    public ScreenSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(hint, "hint");
        Objects.requireNonNull(fxml, "fxml");
        Objects.requireNonNull(stylesheet, "stylesheet");
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(controllerType, "controllerType");
        Objects.requireNonNull(controller, "controller");
    }
}
