package dev.paperstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import dev.paperstream.events.Roles;

/**
 * Bearer tokens for tests, signed with a key pair of the tests' own (never the local stack's), kept in the system
 * temp folder so that every JVM of a run (the test, a {@code @QuarkusTest} application, services started as
 * processes) shares it. Services verify them with {@link #publicKey()}.
 */
public final class TestTokens {

    private static final Path DIR = Path.of(System.getProperty("java.io.tmpdir"),
            "paperstream-test-jwt-" + System.getProperty("user.name", "user"));

    private TestTokens() {
    }

    /** A token whose {@code groups} claim holds {@code role}, valid for 12 hours, for the subject {@code subject}. */
    public static String bearer(String subject, String role) {
        Instant now = Instant.now();
        // Only fixed, quote-free names go in, so the claims need no JSON library.
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"" + Roles.ISSUER + "\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject
                + "\",\"groups\":[\"" + role + "\"],\"iat\":" + now.getEpochSecond()
                + ",\"exp\":" + now.plusSeconds(12 * 3600).getEpochSecond() + "}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign a test token", e);
        }
    }

    /** A token for the subject {@code test-<role>}. */
    public static String bearer(String role) {
        return bearer("test-" + role, role);
    }

    /** The PEM public key the services verify test tokens with. */
    public static Path publicKey() {
        ensureKeys();
        return DIR.resolve("public.pem");
    }

    /** The Quarkus configuration that makes a {@code @QuarkusTest} application accept these tokens. */
    public static Map<String, String> quarkusConfig() {
        return Map.of("mp.jwt.verify.publickey.location", publicKey().toUri().toString(),
                "mp.jwt.verify.issuer", Roles.ISSUER);
    }

    private static PrivateKey privateKey() throws GeneralSecurityException {
        ensureKeys();
        try {
            String pem = Files.readString(DIR.resolve("private.pem"));
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void ensureKeys() {
        if (Files.exists(DIR.resolve("public.pem"))) {
            return;
        }
        try {
            Files.createDirectories(DIR.getParent());
            Path staging = Files.createTempDirectory(DIR.getParent(), "paperstream-test-jwt-staging");
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.writeString(staging.resolve("private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(staging.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            try {
                // Atomic: a JVM that loses the race keeps the winner's pair.
                Files.move(staging, DIR, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException lost) {
                Files.delete(staging.resolve("private.pem"));
                Files.delete(staging.resolve("public.pem"));
                Files.delete(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the test key pair to " + DIR, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not generate the test key pair", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
