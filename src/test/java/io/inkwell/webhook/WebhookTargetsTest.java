package io.inkwell.webhook;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The SSRF guard's address rules (the tests' server allows private targets, so they are checked here). */
class WebhookTargetsTest {

    @Test
    void internalAddressesAreRefusedAndPublicOnesAllowed() throws Exception {
        for (String internal : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1",
                // 127.0.0.1 and 10.0.0.1 as NAT64 and 6to4 routers reach them
                "64:ff9b::7f00:1", "64:ff9b::a00:1", "2002:7f00:1::", "2002:a00:1::1"}) {
            assertTrue(WebhookTargets.isInternal(InetAddress.getByName(internal)), internal);
        }
        for (String external : new String[] {"93.184.216.34", "8.8.8.8", "2606:4700::1111", "64:ff9b::808:808",
                "2002:808:808::"}) {
            assertFalse(WebhookTargets.isInternal(InetAddress.getByName(external)), external);
        }
    }

    @Test
    void aPortOutsideOneTo65535IsRefused() {
        for (String url : new String[] {"https://192.0.2.10:99999/h", "https://192.0.2.10:0/h"}) {
            assertTrue(WebhookTargets.portRefusal(java.net.URI.create(url)).isPresent(), url);
        }
        assertFalse(WebhookTargets.portRefusal(java.net.URI.create("https://192.0.2.10:8443/h")).isPresent());
        assertFalse(WebhookTargets.portRefusal(java.net.URI.create("https://192.0.2.10/h")).isPresent());
    }
}
