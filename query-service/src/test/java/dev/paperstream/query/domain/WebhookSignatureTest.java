package dev.paperstream.query.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void isTheHexHmacSha256OfTheBody() {
        // RFC 4231-style check value, as published for HMAC-SHA256("key", "The quick brown fox ...").
        assertThat(WebhookSignature.of("key",
                "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }
}
