package io.inkwell.webhook;

import io.inkwell.common.config.InkwellConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Where webhooks may point: http(s) addresses that resolve only to public addresses, so a
 * webhook cannot make the server call into its own network (loopback, private, link-local and
 * cloud metadata addresses), unless INKWELL_WEBHOOKS_ALLOW_PRIVATE says otherwise. Checked when a
 * webhook is saved and again before each delivery, since a name can resolve elsewhere later.
 */
@ApplicationScoped
public class WebhookTargets {

    private final boolean allowPrivate;

    public WebhookTargets(InkwellConfig config) {
        this.allowPrivate = config.webhooks().allowPrivate();
    }

    /** Why the server refuses to call this address, if it does. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("Must be an absolute http or https URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getUserInfo() != null) {
            return Optional.of("Must be an absolute http or https URL without user information.");
        }
        Optional<String> badPort = portRefusal(uri);
        if (badPort.isPresent()) {
            return badPort;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            return Optional.of("The host '" + uri.getHost() + "' cannot be resolved.");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                return Optional.of("The host resolves to " + address.getHostAddress() + ", an internal address; "
                        + "set INKWELL_WEBHOOKS_ALLOW_PRIVATE=true to allow such targets.");
            }
        }
        return Optional.empty();
    }

    /** A URI takes any digits as its port; no connection can be made to 0 or past 65535. */
    static Optional<String> portRefusal(URI uri) {
        return uri.getPort() == 0 || uri.getPort() > 65535 ? Optional.of("The port must be 1 to 65535.") : Optional.empty();
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    || (first == 198 && (second == 18 || second == 19)) || first >= 240;
        }
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xfe) == 0xfc // unique local fc00::/7
                    || embeddedIpv4(bytes).map(WebhookTargets::isInternal).orElse(false);
        }
        return false;
    }

    /**
     * The IPv4 address that an IPv6 one stands for on the way, where a router translates it:
     * NAT64 (64:ff9b::/96, its last four bytes) and 6to4 (2002::/16, the four after the prefix).
     * 64:ff9b::7f00:1 reaches 127.0.0.1 through such a router.
     */
    private static Optional<InetAddress> embeddedIpv4(byte[] ipv6) {
        boolean nat64 = ipv6[0] == 0x00 && ipv6[1] == 0x64 && (ipv6[2] & 0xff) == 0xff && (ipv6[3] & 0xff) == 0x9b
                && IntStream.range(4, 12).allMatch(i -> ipv6[i] == 0);
        boolean sixToFour = ipv6[0] == 0x20 && ipv6[1] == 0x02;
        if (!nat64 && !sixToFour) {
            return Optional.empty();
        }
        int from = nat64 ? 12 : 2;
        try {
            return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(ipv6, from, from + 4)));
        } catch (UnknownHostException e) {
            return Optional.empty(); // four bytes are always an address
        }
    }
}
