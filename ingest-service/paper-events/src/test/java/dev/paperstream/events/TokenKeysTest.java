package dev.paperstream.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenKeysTest {

    @Test
    void acceptsAReadableKeyAsAPathOrAFileUrl(@TempDir Path dir) throws IOException {
        Path key = Files.writeString(dir.resolve("public.pem"), "-----BEGIN PUBLIC KEY-----");
        assertThat(TokenKeys.problem(key.toString())).isEmpty();
        assertThat(TokenKeys.problem("file:" + key)).isEmpty();
    }

    @Test
    void namesAMissingKeyAndHowToSetIt(@TempDir Path dir) {
        assertThat(TokenKeys.problem("file:" + dir.resolve("absent.pem"))).get().asString()
                .contains("absent.pem").contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        assertThat(TokenKeys.problem(" ")).get().asString().contains(TokenKeys.LOCATION);
    }
}
