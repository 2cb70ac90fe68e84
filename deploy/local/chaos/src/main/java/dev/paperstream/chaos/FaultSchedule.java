package dev.paperstream.chaos;

import static dev.paperstream.chaos.ChaosStack.Component.ELASTICSEARCH;
import static dev.paperstream.chaos.ChaosStack.Component.KAFKA;
import static dev.paperstream.chaos.ChaosStack.Component.POSTGRES;

import java.util.List;

/** The faults of a run, in order; each one ends (the process is ready again, the cut healed) before the next. */
final class FaultSchedule {

    /** FULL: every kill and cut; SHORT: a kill of each service and of the broker (mvn verify). */
    enum Kind {
        FULL, SHORT
    }

    private FaultSchedule() {
    }

    static List<Fault> of(ChaosSettings settings) {
        var pause = settings.pause();
        var cut = settings.cut();
        if (settings.schedule() == Kind.SHORT) {
            return List.of(
                    Fault.killService("ingest-service", 1, pause),
                    Fault.killService("enrich-service", 1, pause),
                    Fault.killInfra(KAFKA, pause),
                    Fault.killService("query-service", 1, pause));
        }
        return List.of(
                Fault.killService("ingest-service", 1, pause),
                Fault.killService("enrich-service", 1, pause),
                Fault.killService("query-service", 1, pause),
                Fault.killInfra(KAFKA, pause),
                Fault.cut(POSTGRES, cut),
                Fault.killService("ingest-service", 2, pause),
                Fault.killService("enrich-service", 2, pause),
                Fault.killInfra(ELASTICSEARCH, pause),
                Fault.cut(ELASTICSEARCH, cut),
                Fault.killService("query-service", 2, pause),
                Fault.killInfra(POSTGRES, pause),
                Fault.cut(KAFKA, cut));
    }
}
