package io.plantconsole.app.shell;

import io.plantconsole.ui.FeatureScreens;
import io.plantconsole.ui.Navigator;
import io.plantconsole.ui.ScreenContext;
import io.plantconsole.ui.ScreenSpec;
import io.plantconsole.ui.task.BackgroundTasks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.util.Callback;

/**
 * Hands FXML its controllers, built by constructor injection with their view models and collaborators
 * ({@link FXMLLoader#setControllerFactory}). The FXML files keep {@code fx:controller} for Scene Builder; this
 * factory decides how the named class is built, from what the features registered (their screens' controller
 * suppliers). A class without a registration is an error, never a silent no-arg construction.
 */
public final class ControllerFactory implements Callback<Class<?>, Object> {
    private final Map<Class<?>, Supplier<?>> suppliers = new LinkedHashMap<>();
    /** The background-task seam every screen submits its blocking work to (ADR 0016). */
    private final BackgroundTasks tasks;

    public ControllerFactory(BackgroundTasks tasks) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
    }

    /**
     * A factory with every feature's controllers registered, for tools and tests that load one screen outside the
     * shell (drill-downs go nowhere).
     */
    public static ControllerFactory standard(UiServices services) {
        ControllerFactory f = new ControllerFactory(BackgroundTasks.threaded());
        f.register(MainWindow.class, () -> new MainWindow(services, f));
        f.registerFeatures(services.features(), new ScreenContext(services.clock(), services.exportDir(), f.tasks,
                new Navigator() {
                    @Override
                    public void show(String screenId) {
                    }

                    @Override
                    public <C> Optional<C> controller(String screenId, Class<C> type) {
                        return Optional.empty();
                    }
                }));
        return f;
    }

    /** Registers the controllers of every feature's screens and other views; returns the screens in order. */
    public List<ScreenSpec> registerFeatures(List<FeatureScreens> features, ScreenContext context) {
        List<ScreenSpec> screens = new ArrayList<>();
        for (FeatureScreens feature : features) {
            feature.registerControllers(context, this::registerAny);
            for (ScreenSpec s : feature.screens(context)) {
                registerAny(s.controllerType(), s.controller());
                screens.add(s);
            }
        }
        return screens;
    }

    /** The background tasks of the screens this factory builds; the status bar shows them. */
    public BackgroundTasks tasks() {
        return tasks;
    }

    /** Registers (or replaces) how a controller class is built. */
    public <T> ControllerFactory register(Class<T> type, Supplier<? extends T> supplier) {
        suppliers.put(Objects.requireNonNull(type), Objects.requireNonNull(supplier));
        return this;
    }

    /** As {@link #register}, for the (type, supplier) pairs features hand over. */
    public void registerAny(Class<?> type, Supplier<?> supplier) {
        suppliers.put(Objects.requireNonNull(type), Objects.requireNonNull(supplier));
    }

    /** Controller classes this factory can build. */
    public Set<Class<?>> registered() {
        return suppliers.keySet();
    }

    @Override
    public Object call(Class<?> type) {
        Supplier<?> s = suppliers.get(type);
        if (s == null) {
            throw new IllegalStateException("No controller registered for " + type.getName()
                    + ": a feature's screens() or registerControllers() must provide it");
        }
        return s.get();
    }

    /** A loader for a classpath FXML resource (for example {@code /fxml/telemetry/Trends.fxml}) using this factory. */
    public FXMLLoader loader(String resource) {
        URL url = ControllerFactory.class.getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("FXML not on the classpath: " + resource);
        }
        FXMLLoader loader = new FXMLLoader(url);
        loader.setControllerFactory(this);
        return loader;
    }

    /** A loaded view and its controller. */
    public record Loaded<C>(Parent root, C controller) {
    }

    /** Loads an FXML resource. FX thread. */
    public <C> Loaded<C> load(String resource) {
        FXMLLoader loader = loader(resource);
        try {
            Parent root = loader.load();
            return new Loaded<>(root, loader.getController());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load " + resource + ": " + e.getMessage(), e);
        }
    }

    /** Loads a screen with its own controller supplier (several screens may share a controller class). FX thread. */
    public <C> Loaded<C> load(ScreenSpec screen) {
        FXMLLoader loader = loader(screen.fxml());
        loader.setControllerFactory(type -> type == screen.controllerType() ? screen.controller().get() : call(type));
        try {
            Parent root = loader.load();
            return new Loaded<>(root, loader.getController());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load " + screen.fxml() + ": " + e.getMessage(), e);
        }
    }

    /** Stops the background tasks' threads. */
    public void close() {
        tasks.close();
    }
}
