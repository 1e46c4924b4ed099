package br.com.ponte.devstack;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One platform on its defaults ({@code ./ponte up}'s configuration), shared by every test class that
 * needs nothing else: started for the first such class, stopped when the whole run ends. A class
 * that changes the platform's configuration, kills its processes or runs replicas starts its own
 * {@link Devstack}. Classes sharing it onboard their own partners and look only at what those
 * partners did, so they neither see nor disturb one another.
 *
 * <pre>{@code @ExtendWith(DefaultPlatform.class) class SomeIT { ... DefaultPlatform.stack() ... }}</pre>
 */
public final class DefaultPlatform implements BeforeAllCallback {

    static final Path ROOT = Path.of(System.getProperty("ponte.root", "..")).toAbsolutePath().normalize();
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DefaultPlatform.class);

    private static Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        running = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, k -> Running.start(), Running.class);
    }

    static Devstack stack() {
        return started().stack;
    }

    static Path dataDir() {
        return started().dataDir;
    }

    /** Everything the platform printed (its console, the demo receiver's lines) since it started. */
    static String console() {
        return started().console.toString(StandardCharsets.UTF_8);
    }

    private static Running started() {
        if (running == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(DefaultPlatform.class)");
        }
        return running;
    }

    private record Running(Devstack stack, Path dataDir, ByteArrayOutputStream console) implements AutoCloseable {

        static Running start() {
            try {
                Path dataDir = Files.createTempDirectory("ponte-default-platform");
                ByteArrayOutputStream console = new ByteArrayOutputStream();
                PrintStream out = new PrintStream(new Tee(console, System.out), true, StandardCharsets.UTF_8);
                Devstack stack = new Devstack(ROOT, dataDir, StackPorts.free(), out);
                try {
                    stack.start();
                } catch (RuntimeException e) {
                    stack.close();
                    throw e;
                }
                return new Running(stack, dataDir, console);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            stack.close();
        }
    }

    /** Copies the stack's console to the test output while keeping it for assertions. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
