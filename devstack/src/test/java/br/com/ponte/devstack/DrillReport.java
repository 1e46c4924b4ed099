package br.com.ponte.devstack;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One line per fault drill: the events its subjects emitted (each subject's sequence numbers say how
 * many), how many of them the partner's receiver got, got twice, or never got, and what the bank
 * holds. The drills write {@code target/drills.tsv}; {@code bench/run drills} prints it as a table.
 */
final class DrillReport {

    static final Path FILE = Path.of("target", "drills.tsv");

    private DrillReport() {
    }

    /** Records the drill from the deliveries of its subjects; answers the line written. */
    static synchronized String record(String drill, List<JsonNode> deliveries, Collection<String> subjects, String effectsAtTheBank) {
        Set<String> wanted = new HashSet<>(subjects);
        Map<String, Long> emitted = new HashMap<>();
        Set<String> distinct = new HashSet<>();
        int delivered = 0;
        for (JsonNode delivery : deliveries) {
            JsonNode event = delivery.path("event");
            String subject = event.path("subject").asText();
            if (!wanted.contains(subject)) {
                continue;
            }
            delivered++;
            distinct.add(event.path("id").asText());
            emitted.merge(subject, event.path("sequence").asLong(), Math::max);
        }
        long in = emitted.values().stream().mapToLong(Long::longValue).sum();
        String line = String.join("\t", drill, Long.toString(in), Integer.toString(distinct.size()),
                Integer.toString(delivered - distinct.size()), Long.toString(in - distinct.size()), effectsAtTheBank);
        try {
            Files.createDirectories(FILE.toAbsolutePath().getParent());
            Files.writeString(FILE, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("[drill] " + line.replace('\t', '|'));
        return line;
    }
}
