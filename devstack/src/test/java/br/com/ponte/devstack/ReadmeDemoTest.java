package br.com.ponte.devstack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README shows the demo that ./ponte up prints (default ports), word for word. */
class ReadmeDemoTest {

    @Test
    void theReadmeDemoIsTheOneDevstackPrints() throws IOException {
        Path root = Path.of(System.getProperty("ponte.root", ".."));
        String readme = Files.readString(root.resolve("README.md"));
        String block = readme.substring(readme.indexOf("<!-- demo:start -->"), readme.indexOf("<!-- demo:end -->"));
        String shown = block.substring(block.indexOf("```bash\n") + 8, block.lastIndexOf("```"));
        assertThat(shown.strip()).isEqualTo(Devstack.renderDemo(StackPorts.defaults(), ".ponte/secrets.properties").strip());
    }
}
