package dev.paperstream.query.domain;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Locale;

/**
 * Checks a webhook URL before anything is sent to it: http(s) only, no credentials, and a host that resolves only to
 * public addresses. Loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), carrier-grade NAT (100.64/10),
 * link-local (169.254/16, which holds cloud metadata services, and fe80::/10), multicast and unspecified addresses
 * are refused unless the host is on an allow-list. An IP literal is checked without any lookup.
 */
public final class WebhookTarget {

    private WebhookTarget() {
    }

    /**
     * The URL, when it may be called.
     *
     * @param allowedHosts hosts (names or literal addresses, case-insensitive) exempt from the address check
     * @throws IllegalArgumentException saying what is wrong
     */
    public static URI check(String url, Collection<String> allowedHosts, Resolver resolver) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("webhook.url is required when a webhook is given");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("webhook.url is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("webhook.url must be http or https, was '" + url + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("webhook.url must not carry credentials");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("webhook.url has no host");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (allowedHosts.stream().anyMatch(allowed -> allowed.equalsIgnoreCase(bare))) {
            return uri;
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("webhook.url's host '" + bare + "' does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw new IllegalArgumentException("webhook.url's host '" + bare + "' resolves to "
                        + address.getHostAddress() + ", a loopback, private, link-local or metadata address: refused");
            }
        }
        return uri;
    }

    /** Whether an address is routable on the public internet (none of the ranges above). */
    public static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            // 100.64.0.0/10 (carrier-grade NAT), 0.0.0.0/8, 192.0.0.0/24 (protocol assignments), 198.18/15 (benchmarks)
            return !(first == 100 && second >= 64 && second < 128) && first != 0
                    && !(first == 192 && second == 0 && (bytes[2] & 0xff) == 0)
                    && !(first == 198 && (second == 18 || second == 19));
        }
        // fc00::/7 unique local; IPv4-mapped addresses are checked as IPv4 by the JDK's parsing
        return (bytes[0] & 0xfe) != 0xfc;
    }

    /** Name resolution, replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;

        /** The system resolver; an IP literal is parsed, never looked up. */
        Resolver SYSTEM = InetAddress::getAllByName;
    }
}
