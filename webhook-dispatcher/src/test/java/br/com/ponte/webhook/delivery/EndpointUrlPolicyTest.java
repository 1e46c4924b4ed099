package br.com.ponte.webhook.delivery;

import br.com.ponte.webhook.WebhookConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointUrlPolicyTest {

    static EndpointUrlPolicy policy(boolean requireHttps, List<String> allowed) {
        return policy(requireHttps, allowed, InetAddress::getAllByName);
    }

    static EndpointUrlPolicy policy(boolean requireHttps, List<String> allowed, EndpointUrlPolicy.Resolver resolver) {
        WebhookConfig config = (WebhookConfig) Proxy.newProxyInstance(WebhookConfig.class.getClassLoader(),
                new Class<?>[]{WebhookConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "requireHttps" -> requireHttps;
                    case "allowedPrivateNetworks" -> Optional.of(allowed);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new EndpointUrlPolicy(config, resolver);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/x", "http://localhost/x", "http://10.0.0.1/", "http://172.31.255.255/",
            "http://192.168.1.1/", "http://169.254.169.254/latest", "http://0.0.0.0/", "http://[::1]/", "http://[fd00::1]/",
            "http://[fe80::1]/", "http://100.64.1.1/", "http://224.0.0.1/", "http://255.255.255.255/"})
    void internalAddressesAreRefused(String url) {
        assertThat(policy(false, List.of()).refusal(url)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://8.8.8.8/hooks", "http://1.1.1.1:8080/x", "https://[2001:4860:4860::8888]/"})
    void publicAddressesAreAccepted(String url) {
        assertThat(policy(false, List.of()).refusal(url)).isEmpty();
    }

    @Test
    void anAllowListOpensOnlyItsNetworks() {
        EndpointUrlPolicy loopbackAllowed = policy(false, List.of("127.0.0.0/8"));
        assertThat(loopbackAllowed.refusal("http://127.0.0.1:9000/hooks")).isEmpty();
        assertThat(loopbackAllowed.refusal("http://10.0.0.1/hooks")).isPresent();
        assertThat(loopbackAllowed.refusal("http://[::1]/hooks")).isPresent();
    }

    @Test
    void httpsCanBeRequired() {
        assertThat(policy(true, List.of()).refusal("http://8.8.8.8/hooks")).contains("url must use https");
        assertThat(policy(true, List.of()).refusal("https://8.8.8.8/hooks")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://8.8.8.8/", "/relative", "not a url", "https://user:pass@8.8.8.8/"})
    void malformedOrForeignUrlsAreRefused(String url) {
        assertThat(policy(false, List.of()).refusal(url)).isPresent();
    }

    /** A DNS server that knows the given names and nothing else. */
    static EndpointUrlPolicy.Resolver dns(Map<String, List<String>> answers) {
        return host -> {
            List<String> addresses = answers.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] resolved = new InetAddress[addresses.size()];
            for (int i = 0; i < resolved.length; i++) {
                resolved[i] = InetAddress.getByName(addresses.get(i));
            }
            return resolved;
        };
    }

    @Test
    void theVerdictCarriesEveryAddressThatPassed() throws Exception {
        EndpointUrlPolicy policy = policy(false, List.of("127.0.0.0/8"),
                dns(Map.of("partner.example.test", List.of("8.8.8.8", "2001:4860:4860::8888", "127.0.0.1"))));

        EndpointUrlPolicy.Verdict verdict = policy.check("https://partner.example.test/hooks");

        assertThat(verdict.refusal()).isEmpty();
        assertThat(verdict.addresses()).containsExactly(InetAddress.getByName("8.8.8.8"),
                InetAddress.getByName("2001:4860:4860::8888"), InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void oneInternalAddressRefusesTheNameAndApprovesNoAddress() {
        EndpointUrlPolicy policy = policy(false, List.of(),
                dns(Map.of("partner.example.test", List.of("8.8.8.8", "169.254.169.254"))));

        EndpointUrlPolicy.Verdict verdict = policy.check("https://partner.example.test/hooks");

        assertThat(verdict.refusal()).get().asString().contains("169.254.169.254");
        assertThat(verdict.addresses()).isEmpty();
        assertThat(policy.refusal("https://partner.example.test/hooks")).isEqualTo(verdict.refusal());
    }

    @Test
    void aNameThatDoesNotResolveIsNotRefusedButHasNoAddressToDeliverTo() {
        EndpointUrlPolicy policy = policy(false, List.of(), dns(Map.of()));

        EndpointUrlPolicy.Verdict verdict = policy.check("https://not-yet.example.test/hooks");

        assertThat(verdict.refusal()).isEmpty();
        assertThat(verdict.addresses()).isEmpty();
        assertThat(policy.refusal("https://not-yet.example.test/hooks")).isEmpty();
    }

    @Test
    void aRefusedUrlIsNotResolved() {
        EndpointUrlPolicy policy = policy(true, List.of(), host -> {
            throw new AssertionError("resolved " + host);
        });

        assertThat(policy.check("http://partner.example.test/hooks"))
                .isEqualTo(new EndpointUrlPolicy.Verdict(Optional.of("url must use https"), List.of()));
    }
}
