package dev.paperstream.chaos;

import java.time.Duration;

/**
 * One fault of the schedule: a SIGKILL of a service instance or of an infrastructure process, each started again
 * after {@code hold}, or a network cut of {@code hold} between a service instance and a server.
 *
 * @param action    what happens
 * @param instance  the service instance ({@code ingest-service#1}); for a cut, the one cut off
 * @param component the infrastructure process killed, or the server cut off from
 * @param hold      how long it stays down, or cut
 */
record Fault(Action action, String instance, ChaosStack.Component component, Duration hold) {

    /** What a fault does. */
    enum Action {
        KILL_SERVICE, KILL_INFRA, CUT
    }

    static Fault killService(String service, int instance, Duration pause) {
        return new Fault(Action.KILL_SERVICE, ServiceFleet.key(service, instance), null, pause);
    }

    static Fault killInfra(ChaosStack.Component component, Duration pause) {
        return new Fault(Action.KILL_INFRA, null, component, pause);
    }

    static Fault cut(ChaosStack.Component server, Duration length) {
        return new Fault(Action.CUT, ServiceFleet.cutOff(server), server, length);
    }

    String describe() {
        return switch (action) {
            case KILL_SERVICE -> "SIGKILL " + instance + ", down " + hold.toSeconds() + " s";
            case KILL_INFRA -> "SIGKILL " + component.label + ", down " + hold.toSeconds() + " s";
            case CUT -> "cut " + instance + " <-> " + component.label + " for " + hold.toSeconds() + " s";
        };
    }
}
