package br.com.ponte.sandbox.books;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The last months of transactions drawn, of any account or card, so that a client paging through a
 * year of them does not have them drawn again for every page. Bounded: a month of the busiest account
 * is under a thousand small records, and at most {@value #MONTHS} months are kept (a few megabytes);
 * what falls out is drawn again when asked for, the same.
 */
final class MonthCache {

    static final int MONTHS = 96;

    private record Key(String resourceId, YearMonth month) {
    }

    private final Map<Key, List<Entry>> months = new LinkedHashMap<>(MONTHS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, List<Entry>> eldest) {
            return size() > MONTHS;
        }
    };

    synchronized List<Entry> month(String resourceId, YearMonth month, Supplier<List<Entry>> draw) {
        return months.computeIfAbsent(new Key(resourceId, month), key -> draw.get());
    }
}
