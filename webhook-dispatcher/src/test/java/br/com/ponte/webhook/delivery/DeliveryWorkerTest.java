package br.com.ponte.webhook.delivery;

import io.vertx.mutiny.core.net.SocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryWorkerTest {

    @ParameterizedTest
    @CsvSource({
            "https://partner.example.test/hooks, 203.0.113.7, 203.0.113.7, 443",
            "http://partner.example.test/hooks, 203.0.113.7, 203.0.113.7, 80",
            "https://partner.example.test:8443/hooks?x=1, 203.0.113.7, 203.0.113.7, 8443",
            "HTTPS://partner.example.test/hooks, 2001:db8::7, 2001:db8:0:0:0:0:0:7, 443"})
    void aDeliveryConnectsToTheApprovedAddressOnTheUrlsPort(String url, String approved, String host, int port)
            throws Exception {
        SocketAddress server = DeliveryWorker.server(url, InetAddress.getByName(approved));

        assertThat(server.host()).isEqualTo(host);
        assertThat(server.port()).isEqualTo(port);
        assertThat(server.hostName()).as("a literal address: nothing left to resolve").isNull();
    }
}
