package br.com.ponte.bench;

import java.util.Arrays;

/**
 * {@code bench/run [collection] ...}: the webhook-dispatcher's delivery benchmark by default, the
 * collection benchmark with {@code collection} first.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("collection")) {
            CollectionBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
        } else {
            DeliveryBenchmark.main(args);
        }
    }
}
