package io.plantconsole.app.shell;

import io.plantconsole.kernel.identity.Permissions;
import io.plantconsole.kernel.identity.Role;
import io.plantconsole.ui.ScreenSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;

/**
 * The navigation column built from the features' screens: one entry per screen in order, Ctrl+1…9 for the first
 * nine, each disabled with the permission table's reason when the signed-in role may not open it. A disabled control
 * shows no tooltip, so each entry sits in a holder that shows why. FX thread.
 */
final class Navigation {
    /** How many screens have a Ctrl+digit shortcut; the rest are reached through Ctrl+K. */
    static final int DIGIT_SHORTCUTS = 9;

    private final List<ScreenSpec> screens;
    private final Consumer<ScreenSpec> open;
    private final ToggleGroup group = new ToggleGroup();
    private final Map<String, ToggleButton> buttons = new LinkedHashMap<>();
    private final Map<String, StackPane> holders = new LinkedHashMap<>();
    private final Map<String, Tooltip> holderTips = new LinkedHashMap<>();
    private Role role;
    /** Without a sign-in gate (tools, tests) every screen is open. */
    private boolean gated;

    Navigation(List<ScreenSpec> screens, Pane column, Consumer<ScreenSpec> open) {
        this.screens = List.copyOf(screens);
        this.open = open;
        for (ScreenSpec s : this.screens) {
            ToggleButton b = new ToggleButton(s.title());
            b.setId("nav-" + s.id());
            b.getStyleClass().add("nav-button");
            b.setToggleGroup(group);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setOnAction(e -> open.accept(s));
            b.setTooltip(new Tooltip(s.hint() + shortcut(s).map(k -> " (" + k + ")").orElse("")));
            buttons.put(s.id(), b);
            StackPane holder = new StackPane(b);
            holder.getStyleClass().add("nav-holder");
            holders.put(s.id(), holder);
            column.getChildren().add(holder);
        }
        gated = false;
    }

    /** The shortcut of a screen in words, or empty for screens past the ninth. */
    Optional<String> shortcut(ScreenSpec s) {
        int i = screens.indexOf(s);
        return i >= 0 && i < DIGIT_SHORTCUTS ? Optional.of("Ctrl+" + (i + 1)) : Optional.empty();
    }

    /** Mirrors what {@code role} may open behind the sign-in gate (null: nobody signed in, nothing opens). */
    void applyRole(Role role) {
        this.gated = true;
        this.role = role;
        for (ScreenSpec s : screens) {
            Optional<String> why = Permissions.whyNot(role, s.permission());
            ToggleButton b = buttons.get(s.id());
            b.setDisable(why.isPresent());
            Tooltip tip = new Tooltip(why.orElse(s.hint() + shortcut(s).map(k -> " (" + k + ")").orElse("")));
            b.setTooltip(tip);
            StackPane holder = holders.get(s.id());
            Tooltip old = holderTips.remove(s.id());
            if (old != null) {
                Tooltip.uninstall(holder, old);
            }
            if (why.isPresent()) {
                Tooltip.install(holder, tip);
                holderTips.put(s.id(), tip);
            }
        }
    }

    /** Whether the signed-in role may open {@code s}. */
    boolean allows(ScreenSpec s) {
        return !gated || Permissions.allows(role, s.permission());
    }

    /** The screens the signed-in role may open, in order. */
    List<ScreenSpec> openable() {
        return screens.stream().filter(this::allows).toList();
    }

    void select(ScreenSpec shown) {
        buttons.forEach((id, b) -> b.setSelected(id.equals(shown.id())));
    }

    /** Ctrl+1…9: the screen at that place. Returns whether the key was a screen shortcut. */
    boolean onShortcut(KeyEvent e) {
        if (!e.isShortcutDown()) {
            return false;
        }
        int index = digit(e.getCode());
        if (index < 0 || index >= Math.min(DIGIT_SHORTCUTS, screens.size())) {
            return false;
        }
        open.accept(screens.get(index));
        return true;
    }

    private static int digit(KeyCode code) {
        if (code.isDigitKey() && code != KeyCode.DIGIT0 && code != KeyCode.NUMPAD0) {
            String name = code.getName(); // "1" or "Numpad 1"
            return name.charAt(name.length() - 1) - '1';
        }
        return -1;
    }
}
