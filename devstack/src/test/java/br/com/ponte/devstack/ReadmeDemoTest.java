package br.com.ponte.devstack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README shows the demos that ./ponte up prints (default ports), word for word. */
class ReadmeDemoTest {

    @Test
    void theReadmeDemoIsTheOneDevstackPrints() throws IOException {
        assertThat(shown("demo")).isEqualTo(Devstack.renderDemo(StackPorts.defaults(), ".ponte/secrets.properties").strip());
    }

    @Test
    void theReadmeSharingDemoIsTheOneDevstackPrints() throws IOException {
        assertThat(shown("sharing-demo"))
                .isEqualTo(Devstack.renderSharingDemo(StackPorts.defaults(), ".ponte/secrets.properties").strip());
    }

    private static String shown(String marker) throws IOException {
        Path root = Path.of(System.getProperty("ponte.root", ".."));
        String readme = Files.readString(root.resolve("README.md"));
        String block = readme.substring(readme.indexOf("<!-- " + marker + ":start -->"), readme.indexOf("<!-- " + marker + ":end -->"));
        return block.substring(block.indexOf("```bash\n") + 8, block.lastIndexOf("```")).strip();
    }
}
