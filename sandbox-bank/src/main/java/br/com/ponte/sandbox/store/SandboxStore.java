package br.com.ponte.sandbox.store;

import br.com.ponte.sandbox.config.SandboxConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sandbox's lasting state: named {@link Table tables} of records, held in memory. With
 * {@code sandbox.data-dir} set, the whole state is written to {@value #FILE} there after every
 * change and read back on start, so that software statements, registered clients and their tokens
 * survive a restart (devstack relies on it). The state of a sandbox is small, so writing all of it
 * each time keeps the file always complete and readable by a person.
 */
@ApplicationScoped
public class SandboxStore {

    static final String FILE = "sandbox-state.json";

    private final Optional<Path> file;
    private final ObjectMapper json = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    /** Tables read from the file and not opened yet: kept as read, so that writing does not lose them. */
    private final Map<String, JsonNode> unopened = new ConcurrentHashMap<>();
    private final Map<String, Table<?>> tables = new ConcurrentHashMap<>();

    @Inject
    public SandboxStore(SandboxConfig config) {
        this(config.dataDir());
    }

    /** A store kept in {@code dataDir}, read back from it now; in memory only without one. */
    public SandboxStore(Optional<Path> dataDir) {
        this.file = dataDir.map(directory -> directory.resolve(FILE));
        file.filter(Files::isRegularFile).ifPresent(this::read);
    }

    /** The table called {@code name}, with the rows the file held for it. */
    @SuppressWarnings("unchecked")
    public synchronized <T> Table<T> table(String name, Class<T> type) {
        return (Table<T>) tables.computeIfAbsent(name, key -> {
            Map<String, T> rows = new LinkedHashMap<>();
            JsonNode stored = unopened.remove(name);
            if (stored != null) {
                stored.fields().forEachRemaining(row -> rows.put(row.getKey(), json.convertValue(row.getValue(), type)));
            }
            return new Table<>(rows, this::persist);
        });
    }

    private void read(Path source) {
        try {
            json.readTree(source.toFile()).fields()
                    .forEachRemaining(table -> unopened.put(table.getKey(), table.getValue()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the sandbox state " + source, e);
        }
    }

    private synchronized void persist() {
        if (file.isEmpty()) {
            return;
        }
        ObjectNode state = json.createObjectNode();
        unopened.forEach(state::set);
        tables.forEach((name, table) -> state.set(name, json.valueToTree(table.snapshot())));
        Path target = file.get();
        try {
            Files.createDirectories(target.getParent());
            Path temporary = target.resolveSibling(FILE + ".tmp");
            json.writeValue(temporary.toFile(), state);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the sandbox state " + target, e);
        }
    }
}
