package io.plantconsole.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of {@code results.json}.
 *
 * @param baseline      what the value is compared with, in words
 * @param baselineValue the baseline's value in the same unit (NaN when there is none)
 * @param ratio         value / baseline value unless the notes say otherwise (NaN when there is none)
 */
record BenchResult(String name, double value, String unit, String baseline, double baselineValue, double ratio,
                   String notes) {

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("value", finiteOrNull(value));
        m.put("unit", unit);
        m.put("baseline", baseline);
        m.put("baseline_value", finiteOrNull(baselineValue));
        m.put("ratio", finiteOrNull(ratio));
        m.put("notes", notes);
        return m;
    }

    private static Object finiteOrNull(double d) {
        return Double.isFinite(d) ? (Object) round(d) : null;
    }

    /** Four significant digits are plenty for a noisy machine and keep the file readable. */
    static double round(double d) {
        if (d == 0 || !Double.isFinite(d)) {
            return d;
        }
        return new java.math.BigDecimal(d).round(new java.math.MathContext(4)).doubleValue();
    }
}
