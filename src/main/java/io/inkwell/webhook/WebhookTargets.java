package io.inkwell.webhook;

import io.inkwell.common.config.InkwellConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

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
            return (bytes[0] & 0xfe) == 0xfc; // unique local fc00::/7
        }
        return false;
    }
}
