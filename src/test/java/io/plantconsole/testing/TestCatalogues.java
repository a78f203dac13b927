package io.plantconsole.testing;

import io.plantconsole.telemetry.model.ChannelCatalogue;
import io.plantconsole.telemetry.model.ChannelDef;
import io.plantconsole.telemetry.model.ChannelSource;
import io.plantconsole.telemetry.model.SourceKind;
import java.util.List;

/** Small hand-made catalogues for unit tests. */
public final class TestCatalogues {
    private TestCatalogues() {
    }

    public static ChannelDef json(String id, String area, double rateHz) {
        return new ChannelDef(id, id + " name", area, "Eq", "°C", 0, 300, 20, 250, rateHz,
                new ChannelSource(SourceKind.JSON, "plant/" + id.replace('.', '/'), ""));
    }

    /** Two roasting channels at 10 Hz and one drying channel at 1 Hz. */
    public static ChannelCatalogue small() {
        return new ChannelCatalogue(List.of(
                json("roaster1.bean_temp", "Roasting", 10),
                json("roaster1.exhaust_temp", "Roasting", 10),
                json("dryer1.moisture", "Drying", 1)));
    }
}
