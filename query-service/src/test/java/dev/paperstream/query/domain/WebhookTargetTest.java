package dev.paperstream.query.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WebhookTargetTest {

    /** Names resolved from a table: no lookup ever leaves the test. */
    private static final WebhookTarget.Resolver TABLE = host -> {
        Map<String, String> table = Map.of("hooks.example", "93.184.216.34", "sneaky.example", "10.1.2.3",
                "metadata.example", "169.254.169.254");
        String address = table.getOrDefault(host, host);
        if (!Character.isDigit(address.charAt(0)) && !address.contains(":")) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] { InetAddress.getByName(address) };
    };

    @Test
    void acceptsAPublicHttpsTarget() {
        assertThat(WebhookTarget.check("https://hooks.example/paperstream", List.of(), TABLE))
                .hasToString("https://hooks.example/paperstream");
        assertThat(WebhookTarget.check("http://93.184.216.34:8080/x", List.of(), TABLE)).isNotNull();
    }

    @Test
    void refusesLoopbackPrivateLinkLocalAndMetadataAddresses() {
        for (String url : List.of("http://127.0.0.1/x", "http://[::1]/x", "http://10.0.0.1/x", "http://172.16.5.4/x",
                "http://192.168.1.1/x", "http://169.254.169.254/latest/meta-data", "http://100.64.0.1/x",
                "http://0.0.0.0/x", "http://[fd00::1]/x", "http://[fe80::1]/x", "http://224.0.0.1/x",
                "http://[::ffff:10.0.0.1]/x", "http://sneaky.example/x", "http://metadata.example/x")) {
            assertThatThrownBy(() -> WebhookTarget.check(url, List.of(), TABLE)).as(url)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refused");
        }
    }

    @Test
    void refusesOtherSchemesCredentialsAndUnknownHosts() {
        assertThatThrownBy(() -> WebhookTarget.check("ftp://hooks.example/x", List.of(), TABLE))
                .hasMessageContaining("http or https");
        assertThatThrownBy(() -> WebhookTarget.check("https://user:pw@hooks.example/x", List.of(), TABLE))
                .hasMessageContaining("credentials");
        assertThatThrownBy(() -> WebhookTarget.check("https://nowhere.example/x", List.of(), TABLE))
                .hasMessageContaining("does not resolve");
        assertThatThrownBy(() -> WebhookTarget.check("not a url", List.of(), TABLE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void letsAnAllowedHostThrough() {
        assertThat(WebhookTarget.check("http://127.0.0.1:9999/hook", List.of("127.0.0.1"), TABLE)).isNotNull();
        assertThat(WebhookTarget.check("http://LOCALHOST:9999/hook", List.of("localhost"), host -> {
            throw new AssertionError("an allowed host is not resolved");
        })).isNotNull();
    }
}
