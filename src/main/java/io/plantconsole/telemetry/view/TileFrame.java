package io.plantconsole.telemetry.view;

import eu.hansolo.tilesfx.Tile;
import io.plantconsole.telemetry.view.OverviewViewModel.TileState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javafx.css.CssMetaData;
import javafx.css.PseudoClass;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.StyleConverter;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleableProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;

/**
 * Frames a TilesFX tile so that its colours come from CSS: TilesFX takes colours as Java properties, so the frame
 * exposes them as styleable properties ({@code -pc-tile-background}, {@code -pc-tile-text}, {@code -pc-tile-value},
 * {@code -pc-tile-line}, {@code -pc-tile-grid}) that the stylesheet sets from the {@code -pc-*} tokens, and the
 * tile is bound to them. The state is a pseudo-class ({@code :high}, {@code :low}, {@code :stale}, {@code :bad},
 * {@code :no-data}, and {@code :abnormal} for any of them) and a badge with an icon shape and text, so colour is
 * never the only cue.
 */
public final class TileFrame extends StackPane {
    private static final PseudoClass ABNORMAL = PseudoClass.getPseudoClass("abnormal");

    private static final CssMetaData<TileFrame, Color> BACKGROUND = meta("-pc-tile-background",
            f -> f.tileBackground, Color.web("#2b2f34"));
    private static final CssMetaData<TileFrame, Color> TEXT = meta("-pc-tile-text",
            f -> f.tileText, Color.web("#a9afb7"));
    private static final CssMetaData<TileFrame, Color> VALUE = meta("-pc-tile-value",
            f -> f.tileValue, Color.web("#e3e6ea"));
    private static final CssMetaData<TileFrame, Color> LINE = meta("-pc-tile-line",
            f -> f.tileLine, Color.web("#8d949c"));
    private static final CssMetaData<TileFrame, Color> GRID = meta("-pc-tile-grid",
            f -> f.tileGrid, Color.web("#3b4046"));
    private static final List<CssMetaData<? extends Styleable, ?>> CSS_META;

    static {
        List<CssMetaData<? extends Styleable, ?>> list = new ArrayList<>(StackPane.getClassCssMetaData());
        list.addAll(List.of(BACKGROUND, TEXT, VALUE, LINE, GRID));
        CSS_META = Collections.unmodifiableList(list);
    }

    private final StyleableObjectProperty<Color> tileBackground =
            new SimpleStyleableObjectProperty<>(BACKGROUND, this, "tileBackground", BACKGROUND.getInitialValue(null));
    private final StyleableObjectProperty<Color> tileText =
            new SimpleStyleableObjectProperty<>(TEXT, this, "tileText", TEXT.getInitialValue(null));
    private final StyleableObjectProperty<Color> tileValue =
            new SimpleStyleableObjectProperty<>(VALUE, this, "tileValue", VALUE.getInitialValue(null));
    private final StyleableObjectProperty<Color> tileLine =
            new SimpleStyleableObjectProperty<>(LINE, this, "tileLine", LINE.getInitialValue(null));
    private final StyleableObjectProperty<Color> tileGrid =
            new SimpleStyleableObjectProperty<>(GRID, this, "tileGrid", GRID.getInitialValue(null));

    private final Tile tile;
    private final Label badge = new Label();
    private final Region badgeIcon = new Region();
    private final HBox badgeBox = new HBox(badgeIcon, badge);
    private TileState state;

    public TileFrame(Tile tile) {
        this.tile = tile;
        getStyleClass().add("tile-frame");
        tile.backgroundColorProperty().bind(tileBackground);
        tile.titleColorProperty().bind(tileText);
        tile.unitColorProperty().bind(tileText);
        tile.textColorProperty().bind(tileText);
        tile.tickLabelColorProperty().bind(tileText);
        tile.valueColorProperty().bind(tileValue);
        tile.foregroundColorProperty().bind(tileValue);
        tile.barColorProperty().bind(tileLine);
        tile.chartGridColorProperty().bind(tileGrid);
        badgeIcon.getStyleClass().add("badge-icon");
        badge.getStyleClass().add("badge-text");
        badgeBox.getStyleClass().add("tile-badge");
        badgeBox.setMouseTransparent(true);
        badgeBox.setManaged(true);
        StackPane.setAlignment(badgeBox, Pos.TOP_RIGHT);
        badgeBox.setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        getChildren().addAll(tile, badgeBox);
        setState(TileState.NO_DATA);
    }

    public Tile tile() {
        return tile;
    }

    public TileState state() {
        return state;
    }

    /** The badge text shown (empty when normal). */
    public String badgeText() {
        return badge.getText();
    }

    /** Shows a state: pseudo-classes for the colours, and the badge (shape and text). FX thread. */
    public void setState(TileState newState) {
        if (newState == state) {
            return;
        }
        for (TileState s : TileState.values()) {
            if (s != TileState.NORMAL) {
                pseudoClassStateChanged(pseudo(s), s == newState);
            }
        }
        pseudoClassStateChanged(ABNORMAL, newState.flagged());
        badge.setText(newState.badge());
        badgeBox.setVisible(newState.flagged());
        state = newState;
    }

    static PseudoClass pseudo(TileState s) {
        return PseudoClass.getPseudoClass(s.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS_META;
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS_META;
    }

    private interface PropertyOf {
        StyleableObjectProperty<Color> get(TileFrame f);
    }

    private static CssMetaData<TileFrame, Color> meta(String name, PropertyOf property, Color initial) {
        return new CssMetaData<>(name, StyleConverter.getColorConverter(), initial) {
            @Override
            public boolean isSettable(TileFrame f) {
                return !property.get(f).isBound();
            }

            @Override
            public StyleableProperty<Color> getStyleableProperty(TileFrame f) {
                return property.get(f);
            }
        };
    }
}
