package br.com.ponte.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ports of one platform on this machine; the defaults are PRODUCT.md's. */
public record StackPorts(int consent, int payment, int collection, int webhook, int vault, int sandbox,
                         int sandboxTls, int kafka, int postgres, int demoReceiver) {

    public static StackPorts defaults() {
        return new StackPorts(8081, 8082, 8083, 8084, 8085, 8090, 8443, 9092, 55432, 8099);
    }

    /** A platform on ports free now, beside any other on this machine (tests, the benchmarks). */
    public static StackPorts free() {
        int[] p = freePorts(10);
        return new StackPorts(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9]);
    }

    /** {@code n} distinct ports free now (each held open until all are found). */
    public static int[] freePorts(int n) {
        int[] ports = new int[n];
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // the port is free again either way
                }
            }
        }
        return ports;
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
