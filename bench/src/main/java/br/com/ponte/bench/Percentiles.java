package br.com.ponte.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of the benchmarks' samples. */
final class Percentiles {

    private Percentiles() {
    }

    /** The {@code p}-th percentile (nearest rank) of {@code values}; NaN when there are none. */
    static double of(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
    }
}
