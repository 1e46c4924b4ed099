package br.com.ponte.webhook.delivery;

import br.com.ponte.webhook.WebhookConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Which URLs Ponte may POST to. Webhooks are server-side requests chosen by a partner, so an
 * endpoint must not reach into Ponte's own network (SSRF): a URL whose host resolves to a private,
 * loopback, link-local, unique-local or unspecified address is refused, unless that network is
 * allow-listed ({@code ponte.webhook.allowed-private-networks}). The check runs on registration
 * and before every delivery, so a DNS change does not open the door later; a delivery connects to
 * an address the check approved, so a DNS answer that changes between the two (rebinding) does not
 * either. Resolving a name blocks: call it off the event loop.
 */
@ApplicationScoped
public class EndpointUrlPolicy {

    /** Host name to addresses: the JVM's resolver; a test replaces it to play a hostile DNS server. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * The answer for a URL: why it is refused, or the addresses its host resolved to, every one of
     * which passed. No refusal and no address: the name does not resolve now.
     */
    public record Verdict(Optional<String> refusal, List<InetAddress> addresses) {
        static Verdict refused(String why) {
            return new Verdict(Optional.of(why), List.of());
        }
    }

    private final boolean requireHttps;
    private final List<Cidr> allowed;
    private final Resolver resolver;

    public EndpointUrlPolicy(WebhookConfig config, Resolver resolver) {
        this.requireHttps = config.requireHttps();
        this.allowed = config.allowedPrivateNetworks().orElse(List.of()).stream().map(Cidr::parse).toList();
        this.resolver = resolver;
    }

    @Produces
    @Singleton
    static Resolver systemResolver() {
        return InetAddress::getAllByName;
    }

    /** Why the URL is refused, or empty when it may be used. */
    public Optional<String> refusal(String url) {
        return check(url).refusal();
    }

    /** The verdict on the URL: a delivery connects to one of its addresses, never to a new resolution of the name. */
    public Verdict check(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Verdict.refused("url is not a valid URL");
        }
        if (!uri.isAbsolute() || uri.getHost() == null || url.length() > 2048) {
            return Verdict.refused("url must be an absolute http(s) URL of at most 2048 characters");
        }
        String scheme = uri.getScheme().toLowerCase();
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Verdict.refused("url must be an absolute http(s) URL of at most 2048 characters");
        }
        if (requireHttps && !scheme.equals("https")) {
            return Verdict.refused("url must use https");
        }
        if (uri.getUserInfo() != null) {
            return Verdict.refused("url must not contain credentials");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            // Not resolvable now (not yet published, or no DNS here): nothing to refuse. Every
            // delivery checks again, and one without an address fails without sending.
            return new Verdict(Optional.empty(), List.of());
        }
        for (InetAddress address : addresses) {
            if (isInternal(address) && allowed.stream().noneMatch(c -> c.contains(address))) {
                return Verdict.refused("url resolves to a private, loopback or link-local address ("
                        + address.getHostAddress() + "), which webhooks may not target");
            }
        }
        return new Verdict(Optional.empty(), List.of(addresses));
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0)       // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19))            // benchmarking
                    || first >= 240;                                               // reserved, broadcast
        }
        return (b[0] & 0xfe) == 0xfc; // IPv6 unique local fc00::/7
    }

    record Cidr(BigInteger network, BigInteger mask, int length) {
        static Cidr parse(String text) {
            String[] parts = text.trim().split("/");
            try {
                byte[] address = InetAddress.getByName(parts[0]).getAddress();
                int bits = address.length * 8;
                int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : bits;
                BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                        .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
                return new Cidr(new BigInteger(1, address).and(mask), mask, address.length);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("ponte.webhook.allowed-private-networks: not a CIDR: " + text, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] b = address.getAddress();
            return b.length == length && new BigInteger(1, b).and(mask).equals(network);
        }
    }
}
