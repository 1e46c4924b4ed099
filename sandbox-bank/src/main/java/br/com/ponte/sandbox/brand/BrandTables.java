package br.com.ponte.sandbox.brand;

import br.com.ponte.sandbox.store.SandboxStore;
import br.com.ponte.sandbox.store.Table;

import java.util.EnumMap;
import java.util.Map;

/**
 * One {@link Table} per brand for rows of one kind: what one brand keeps (its clients, its tokens,
 * its consents) is out of the other's reach by construction.
 */
public final class BrandTables<T> {

    private final Map<Brand, Table<T>> tables = new EnumMap<>(Brand.class);
    private final BrandContext context;

    public BrandTables(SandboxStore store, BrandContext context, String name, Class<T> type) {
        this.context = context;
        for (Brand brand : Brand.values()) {
            tables.put(brand, store.table(brand.table(name), type));
        }
    }

    /** The table of the brand the current request is for. */
    public Table<T> current() {
        return tables.get(context.brand());
    }

    public Table<T> of(Brand brand) {
        return tables.get(brand);
    }
}
