package br.com.ponte.devstack;

import java.util.LinkedHashMap;
import java.util.Map;

/** The ports of one platform on this machine; the defaults are PRODUCT.md's. */
public record StackPorts(int consent, int payment, int collection, int webhook, int vault, int sandbox,
                         int sandboxTls, int kafka, int postgres, int demoReceiver) {

    public static StackPorts defaults() {
        return new StackPorts(8081, 8082, 8083, 8084, 8085, 8090, 8443, 9092, 55432, 8099);
    }

    /** Every port, named, in the order they are checked. */
    public Map<String, Integer> named() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("consent-service", consent);
        ports.put("payment-service", payment);
        ports.put("collection-service", collection);
        ports.put("webhook-dispatcher", webhook);
        ports.put("certificate-vault", vault);
        ports.put("sandbox-bank", sandbox);
        ports.put("sandbox-bank HTTPS", sandboxTls);
        ports.put("Kafka", kafka);
        ports.put("PostgreSQL", postgres);
        ports.put("demo webhook receiver", demoReceiver);
        return ports;
    }
}
