package dev.paperstream.events;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The public key that verifies bearer tokens, checked when a service starts: a missing key would otherwise surface
 * only at the first write, as an error of the token library.
 */
public final class TokenKeys {

    /** The setting that names the key (SmallRye JWT's). */
    public static final String LOCATION = "mp.jwt.verify.publickey.location";

    private TokenKeys() {
    }

    /** What is wrong with the key at {@code location} (a path or a {@code file:} URL), or empty when it is readable. */
    public static Optional<String> problem(String location) {
        if (location == null || location.isBlank()) {
            return Optional.of("no public key is configured (" + LOCATION + ")");
        }
        if (location.startsWith("classpath:") || location.startsWith("http:") || location.startsWith("https:")) {
            return Optional.empty();
        }
        Path path = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
        if (!Files.isReadable(path)) {
            return Optional.of("no readable public key at " + path + " (" + LOCATION + "); set it, e.g. with"
                    + " MP_JWT_VERIFY_PUBLICKEY_LOCATION. Locally, 'deploy/local/stack token' makes the stack's key"
                    + " pair in deploy/local/.stack/jwt/; in Kubernetes the Secret paperstream-jwt holds it");
        }
        return Optional.empty();
    }
}
