package br.com.ponte.bench;

import java.util.Arrays;

/**
 * {@code bench/run [collection|outbox|soak|api] ...}: the webhook-dispatcher's delivery benchmark by default, the
 * collection benchmark with {@code collection} first, the outbox's commit -> Kafka lag with {@code outbox}, the
 * dispatcher's soak with {@code soak}, the partner's API path (consents, payments) with {@code api}.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("collection")) {
            CollectionBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("outbox")) {
            OutboxBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("api")) {
            ApiBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("soak")) {
            DeliveryBenchmark.soak(Arrays.copyOfRange(args, 1, args.length));
        } else {
            DeliveryBenchmark.main(args);
        }
    }
}
