package dev.paperstream.query.rest;

import java.io.IOException;

import org.jboss.logging.Logger;

import dev.paperstream.query.persistence.PaperIndex;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Removes the test run's own index (its alias is unique per run) when the tested application stops. */
@ApplicationScoped
class TestIndexCleanup {

    private static final Logger LOG = Logger.getLogger(TestIndexCleanup.class);

    void deleteIndex(@Observes ShutdownEvent event, PaperIndex index) {
        try {
            index.deleteIndex();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Could not delete test index %s: %s", index.indexName(), e.getMessage());
        }
    }
}
