package dev.paperstream.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code deploy/local/stack chaos}: a stack of its own with two instances of each service, a generated workload
 * posted to both ingest instances while a schedule of kills and network cuts runs, then a produce–consume–validate
 * comparison of PostgreSQL, {@code papers.enriched} and Elasticsearch. Every wait is bounded; the chaos stack is
 * stopped at the end, and the normal stack is never touched.
 */
public final class ChaosRun {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    /** The whole workload-and-faults phase, whatever happens. */
    private static final Duration PHASE_LIMIT = Duration.ofMinutes(40);

    private final ChaosSettings settings;
    private final long start = System.nanoTime();
    private volatile String currentFault = "none yet";

    public ChaosRun(ChaosSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        ChaosSettings settings = ChaosSettings.fromSystemProperties();
        ChaosReport report = new ChaosRun(settings).run();
        if (!report.passed()) {
            throw new IllegalStateException("the chaos run found lost, stale, resurrected or dead-lettered papers: "
                    + settings.report());
        }
    }

    /** Runs everything and returns the report (also printed and written to {@link ChaosSettings#report()}). */
    public ChaosReport run() throws Exception {
        Instant startedAt = Instant.now();
        ChaosStack stack = new ChaosStack(settings);
        say("starting the chaos stack in %s (ports +%d; log %s)", stack.dir(), settings.portOffset(),
                stack.commandLog());
        ChaosStack.Endpoints endpoints = stack.startFresh();
        try (ServiceFleet fleet = new ServiceFleet(settings.root(), stack.logs(), endpoints)) {
            say("starting two instances of each service (logs in %s)", stack.logs());
            fleet.startAll();
            PipelineViews views = new PipelineViews(endpoints.stack());
            List<Workload.Listing> listings = Workload.generate(settings.papers(), settings.listingSize(), 20261202L);
            List<Fault> schedule = FaultSchedule.of(settings);
            say("workload: %,d papers in %d listings, one every %d ms; %d faults", settings.papers(), listings.size(),
                    settings.listingInterval().toMillis(), schedule.size());

            Poster poster = new Poster(listings, fleet::ingestUri, settings.listingInterval());
            List<ChaosReport.FaultRecord> faults = new ArrayList<>();
            // Own threads: the common pool has a single worker on two cores and would run these one after the other.
            ExecutorService workers = Executors.newFixedThreadPool(2);
            CompletableFuture<Void> posting = CompletableFuture.runAsync(poster, workers);
            CompletableFuture<Void> faulting = CompletableFuture.runAsync(() -> inject(schedule, stack, fleet, faults),
                    workers);
            workers.shutdown();
            long phaseEnd = System.nanoTime() + PHASE_LIMIT.toNanos();
            while (!(posting.isDone() && faulting.isDone())) {
                if (System.nanoTime() > phaseEnd) {
                    posting.cancel(true);
                    faulting.cancel(true);
                    throw new IllegalStateException("workload and faults did not finish within " + PHASE_LIMIT);
                }
                // Wakes when both are done (or one failed: join() below reports it), else after PROGRESS_EVERY.
                CompletableFuture.allOf(posting, faulting).handle((done, failed) -> null)
                        .completeOnTimeout(null, PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS).join();
                progress(views, poster, listings.size(), faults.size(), schedule.size());
            }
            join(faulting);
            join(posting);
            double lastFaultEnd = faults.isEmpty() ? seconds() : faults.get(faults.size() - 1).recoveredAtSecond();
            say("workload done: %d of %d listings accepted (%d retries, %d given up; last refusal: %s)",
                    poster.accepted.get(), listings.size(), poster.retries.get(), poster.givenUp.get(),
                    poster.lastRefusal.isEmpty() ? "none" : poster.lastRefusal);

            Double catchUp = settle(views, lastFaultEnd);
            say("reading the three views");
            PipelineViews.Accepted accepted = views.accepted();
            PipelineViews.Topic listed = views.topic("papers.listed");
            PipelineViews.Topic enriched = views.topic("papers.enriched");
            Map<String, PipelineViews.Indexed> indexed = views.indexed();
            Findings findings = Findings.compare(accepted, poster.acceptedArxivIds, listed, enriched, indexed,
                    views.deadLettered());

            ChaosReport report = new ChaosReport(startedAt, seconds(), settingsSummary(), workloadSummary(listings,
                    poster), faults, viewsSummary(accepted, listed, enriched, indexed), findings,
                    listed.redeliveries(), enriched.redeliveries(), accepted.outboxParked(), catchUp);
            System.out.print(report.table());
            report.write(settings.report());
            say("report: %s", settings.report());
            return report;
        } finally {
            say("stopping the chaos stack");
            stack.stop();
        }
    }

    private void inject(List<Fault> schedule, ChaosStack stack, ServiceFleet fleet,
            List<ChaosReport.FaultRecord> faults) {
        try {
            for (int i = 0; i < schedule.size(); i++) {
                Fault fault = schedule.get(i);
                Thread.sleep(settings.gap().toMillis());
                currentFault = (i + 1) + "/" + schedule.size() + " " + fault.describe();
                double at = seconds();
                say("fault %s", currentFault);
                switch (fault.action()) {
                    case KILL_SERVICE -> {
                        fleet.kill(fault.instance());
                        Thread.sleep(fault.hold().toMillis());
                        fleet.restart(fault.instance());
                    }
                    case KILL_INFRA -> {
                        stack.kill(fault.component());
                        Thread.sleep(fault.hold().toMillis());
                        stack.restart();
                    }
                    case CUT -> {
                        fleet.proxy(fault.component()).cut();
                        Thread.sleep(fault.hold().toMillis());
                        fleet.proxy(fault.component()).restore();
                    }
                }
                double recovered = seconds();
                synchronized (faults) {
                    faults.add(new ChaosReport.FaultRecord(fault.describe(), round(at), round(recovered)));
                }
                say("fault %d/%d over: recovered at %.1f s (%.1f s after it began)", i + 1, schedule.size(),
                        recovered, recovered - at);
            }
            currentFault = "all done";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("injecting fault " + currentFault + " failed", e);
        }
    }

    /**
     * Waits until ingest's outbox is empty and every current paper is searchable with its current version (and
     * nothing else is): the catch-up. Returns its seconds after the last fault, or null when the timeout passed.
     */
    private Double settle(PipelineViews views, double lastFaultEnd) throws Exception {
        say("waiting for the pipeline to settle (at most %d s)", settings.settleTimeout().toSeconds());
        long deadline = System.nanoTime() + settings.settleTimeout().toNanos();
        long nextProgress = 0;
        while (System.nanoTime() < deadline) {
            try {
                PipelineViews.Accepted accepted = views.accepted();
                Map<String, PipelineViews.Indexed> indexed = views.indexed();
                long live = indexed.values().stream().filter(d -> !d.retired()).count();
                long behind = accepted.versions().entrySet().stream().filter(p -> {
                    PipelineViews.Indexed d = indexed.get(p.getKey());
                    return d == null || !d.searchableAt(p.getValue());
                }).count();
                if (accepted.outboxPending() == 0 && behind == 0 && live == accepted.versions().size()) {
                    double catchUp = Math.max(0, seconds() - lastFaultEnd);
                    say("settled: %,d papers searchable at their current version, %.1f s after the last fault",
                            live, catchUp);
                    return round(catchUp);
                }
                if (System.nanoTime() > nextProgress) {
                    say("settling: outbox %,d pending, %,d papers behind, %,d searchable of %,d",
                            accepted.outboxPending(), behind, live, accepted.versions().size());
                    nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
                }
            } catch (java.io.IOException | java.sql.SQLException notYet) {
                say("settling: %s", notYet.getMessage());
            }
            Thread.sleep(2_000);
        }
        say("the views did not agree within %d s", settings.settleTimeout().toSeconds());
        return null;
    }

    private void progress(PipelineViews views, Poster poster, int listings, int faultsDone, int faults) {
        String counts;
        try {
            counts = String.format(Locale.ROOT, "%,d in PostgreSQL · %,d searchable", views.acceptedCount(),
                    views.searchable());
        } catch (Exception unavailable) {
            counts = "views unavailable (" + unavailable.getClass().getSimpleName() + ")";
        }
        say("listings %d/%d posted, %d accepted · %s · faults %d/%d, now: %s", poster.posted.get(), listings,
                poster.accepted.get(), counts, faultsDone, faults, currentFault);
    }

    private Map<String, Object> settingsSummary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("papers", settings.papers());
        summary.put("listingSize", settings.listingSize());
        summary.put("listingIntervalMs", settings.listingInterval().toMillis());
        summary.put("schedule", settings.schedule().name().toLowerCase(Locale.ROOT));
        summary.put("pauseSeconds", settings.pause().toSeconds());
        summary.put("cutSeconds", settings.cut().toSeconds());
        summary.put("settleTimeoutSeconds", settings.settleTimeout().toSeconds());
        return summary;
    }

    private static Map<String, Object> workloadSummary(List<Workload.Listing> listings, Poster poster) {
        Map<String, Object> summary = new LinkedHashMap<>();
        for (Workload.Kind kind : Workload.Kind.values()) {
            summary.put(kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-papers",
                    listings.stream().filter(l -> l.kind() == kind).mapToInt(Workload.Listing::papers).sum());
        }
        summary.put("listings", listings.size());
        summary.put("accepted", poster.accepted.get());
        summary.put("givenUp", poster.givenUp.get());
        summary.put("postRetries", poster.retries.get());
        summary.put("unexpected5xx", poster.unexpected5xx.get());
        return summary;
    }

    private static Map<String, Object> viewsSummary(PipelineViews.Accepted accepted, PipelineViews.Topic listed,
            PipelineViews.Topic enriched, Map<String, PipelineViews.Indexed> indexed) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("postgresPapers", accepted.versions().size());
        summary.put("listedRecords", listed.records());
        summary.put("listedRetiredIds", listed.retired().size());
        summary.put("enrichedRecords", enriched.records());
        summary.put("enrichedPaperIds", enriched.lastVersions().size());
        summary.put("indexedSearchable", indexed.values().stream().filter(d -> !d.retired()).count());
        summary.put("indexedRetiredMarkers", indexed.values().stream().filter(PipelineViews.Indexed::retired).count());
        return summary;
    }

    private static void join(CompletableFuture<Void> future) throws Exception {
        try {
            future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }

    private void say(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%6.1f s] %s%n", seconds(), String.format(Locale.ROOT, format, args));
    }
}
