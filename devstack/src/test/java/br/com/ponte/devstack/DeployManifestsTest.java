package br.com.ponte.devstack;

import br.com.ponte.infra.Dirs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files, checked offline by {@code deploy/check}: both kustomize overlays render and every
 * resource validates against its schema (core Kubernetes, Strimzi v1, CloudNativePG, Prometheus operator) and
 * the platform's rules, docker-compose's connectors match {@code deploy/base/kafka}, and docker-compose accepts
 * {@code docker-compose.yml}. A copy of the files with a manifest broken in each way fails the check.
 */
class DeployManifestsTest {

    private static final Path ROOT = Path.of(System.getProperty("ponte.root", "..")).toAbsolutePath().normalize();
    private static Path copy;

    @BeforeAll
    static void toolsAreThere() throws Exception {
        // kubectl and node come with the machine image; the check installs the npm packages and docker-compose
        for (String tool : List.of("kubectl", "node", "npm")) {
            Assumptions.assumeTrue(onPath(tool), tool + " is not on the PATH: the deployment files cannot be checked here");
        }
        if (!onPath("docker-compose")) {
            check(ROOT); // installs it with apt-get where it can (as root, or with sudo)
            Assumptions.assumeTrue(onPath("docker-compose"),
                    "docker-compose is not installed and could not be (apt-get install docker-compose): the checks cannot run here");
        }
        copy = Files.createTempDirectory("ponte-deploy-check");
    }

    @AfterAll
    static void removeCopy() {
        if (copy != null) {
            Dirs.deleteQuietly(copy);
        }
    }

    @Test
    void theManifestsAndTheComposeFileCheckOut() throws Exception {
        Result result = check(ROOT);
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("overlays/dev: ", "overlays/prod: ", "resources valid", "deploy/check: all good");
    }

    @Test
    void aBrokenManifestOrComposeFileFailsTheCheck() throws Exception {
        Path root = copyOfTheDeploymentFiles();
        // a KafkaConnect without replicas (required by Strimzi v1), a connector that would snapshot the outbox
        // again, and a compose key docker-compose v1 refuses
        replace(root.resolve("deploy/base/kafka/connect.yaml"), "  replicas: 2\n", "");
        replace(root.resolve("deploy/base/kafka/connectors.yaml"), "snapshot.mode: no_data", "snapshot.mode: initial");
        Files.writeString(root.resolve("docker-compose.yml"), "name: ponte\n" + Files.readString(root.resolve("docker-compose.yml")));

        Result result = check(root);

        assertThat(result.exit()).as(result.output()).isNotZero();
        assertThat(result.output()).contains(
                "KafkaConnect/ponte-connect: data/spec must have required property replicas",
                "KafkaConnector/outbox-consent: snapshot.mode must be no_data",
                "FAIL: deploy/compose/connectors or topics.txt are stale",
                "FAIL: docker-compose.yml is not valid",
                "deploy/check: FAILED");
    }

    private static Path copyOfTheDeploymentFiles() throws Exception {
        Path root = copy.resolve("root");
        Files.createDirectories(root);
        // cp -a keeps node_modules' time, so the copy's check does not install the packages again
        Process cp = new ProcessBuilder("cp", "-a", ROOT.resolve("deploy").toString(), ROOT.resolve("docker-compose.yml").toString(),
                ROOT.resolve(".env.example").toString(), root.toString()).inheritIO().start();
        assertThat(cp.waitFor()).isZero();
        return root;
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).as(file.toString()).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    private record Result(int exit, String output) {
    }

    private static Result check(Path root) throws Exception {
        Process process = new ProcessBuilder(root.resolve("deploy/check").toString()).directory(root.toFile())
                .redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static boolean onPath(String tool) throws Exception {
        return new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
    }
}
