package br.com.ponte.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a Kubernetes Service does for a service with several replicas, on one machine: one port whose
 * connections are spread round robin over the instances (by connection, as kube-proxy does), an
 * instance that refuses the connection (dead) skipped for the next. Bytes are relayed untouched.
 */
final class Balancer implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MS = 1000;

    private final String name;
    private final List<Integer> backends;
    private final ServerSocket server;
    private final ExecutorService threads;
    private final AtomicInteger next = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    Balancer(String name, int port, List<Integer> backends) {
        this.name = name;
        this.backends = List.copyOf(backends);
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name + "-balancer");
            t.setDaemon(true);
            return t;
        });
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress("0.0.0.0", port), 256);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot listen on " + port + " for " + name, e);
        }
        threads.execute(this::accept);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                threads.execute(() -> connect(client));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println(name + " balancer: " + e.getMessage());
                }
            }
        }
    }

    private void connect(Socket client) {
        int first = Math.floorMod(next.getAndIncrement(), backends.size());
        for (int i = 0; i < backends.size(); i++) {
            int port = backends.get((first + i) % backends.size());
            Socket backend = new Socket();
            try {
                backend.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_TIMEOUT_MS);
                backend.setTcpNoDelay(true);
                client.setTcpNoDelay(true);
                open.add(client);
                open.add(backend);
                threads.execute(() -> pipe(client, backend));
                pipe(backend, client);
                return;
            } catch (IOException e) {
                closeQuietly(backend); // this instance is down: the next one
            }
        }
        closeQuietly(client);
    }

    /** Copies until either side ends, then closes both (the other direction's copy ends with them). */
    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // a side closed or was reset
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        open.forEach(this::closeQuietly);
        threads.shutdownNow();
    }
}
