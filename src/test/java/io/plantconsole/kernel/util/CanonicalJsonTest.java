package io.plantconsole.kernel.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void writesFieldsInOrderAndMapsSorted() {
        Map<String, String> m = new HashMap<>();
        m.put("z", "1");
        m.put("a", null);
        String json = new CanonicalJson().field("b", "x").field("a", 5).field("m", m).field("n", (String) null)
                .toJson();
        assertThat(json).isEqualTo("{\"b\":\"x\",\"a\":5,\"m\":{\"a\":null,\"z\":\"1\"},\"n\":null}");
    }

    @Test
    void escapesOnlyWhatJsonNeeds() {
        String json = new CanonicalJson().field("s", "q\"b\\n\nt\tu\u0001ä€/").toJson();
        assertThat(json).isEqualTo("{\"s\":\"q\\\"b\\\\n\\nt\\tu\\u0001ä€/\"}");
    }
}
