package dev.paperstream.ingest.config;

import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.paperstream.events.TokenKeys;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Refuses to start without the key that verifies bearer tokens, saying where it was looked for. */
@ApplicationScoped
public class TokenKeyCheck {

    @ConfigProperty(name = TokenKeys.LOCATION)
    Optional<String> location;

    void onStart(@Observes StartupEvent event) {
        TokenKeys.problem(location.orElse(null)).ifPresent(problem -> {
            throw new IllegalStateException("Bearer tokens cannot be verified: " + problem);
        });
    }
}
