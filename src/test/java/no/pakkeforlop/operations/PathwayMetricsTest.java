package no.pakkeforlop.operations;

import static no.pakkeforlop.testsupport.TestData.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;

import java.util.Map;
import no.pakkeforlop.api.ApiTestSupport;
import no.pakkeforlop.testsupport.FormAnswers;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/** A Prometheus scrape, as an operator's Prometheus does it, while one pathway moves. */
class PathwayMetricsTest extends ApiTestSupport {

    @Autowired
    private PathwayMetrics metrics;

    @BeforeEach
    void metricsRegistered() {
        metrics.register(); // once the application is ready; a no-op when it already was
    }

    @Test
    void thePathwayGaugesFollowAPathwayThroughItsPhasesBreachesAndFailedRegistrations() {
        Scrape before = scrape();
        String pi = startPathway("METRICS-0001", "2026-01-05");

        Scrape started = scrape();
        assertThat(started.delta(before, "pakkeforlop_pathways_active", "")).isEqualTo(1);
        assertThat(started.delta(before, "pakkeforlop_pathways_waiting", "activity=\"registerFirstAttendance\""))
            .isEqualTo(1);
        assertThat(started.delta(before, "pakkeforlop_pathways_waiting", "activity=\"registerEndoscopyResult\""))
            .isEqualTo(0);

        // the 8-day standard time passes: the deadline's timer raises a follow-up for the
        // coordinator
        today("2026-01-15");
        runJob(pi, "deadlineFirstAttendance");
        runJobIfAny(pi, "recordBreachFirstAttendance"); // should the breach handling
                                                        // become a job of its own
        Scrape breached = scrape();
        assertThat(breached.delta(started, "pakkeforlop_breach_followups_open",
                "interval=\"REFERRAL_TO_FIRST_ATTENDANCE\""))
            .isEqualTo(1);
        assertThat(breached.delta(started, "pakkeforlop_pathways_waiting", "activity=\"followUpBreach\"")).isEqualTo(1);

        // the first attendance is registered, but its code registration fails until its
        // retries are used up
        complete(pi, "registerFirstAttendance", "2026-01-15",
                Map.of("firstAttendanceDate", "2026-01-15", "firstAttendanceType", "OUTPATIENT"));
        doThrow(new IllegalStateException("Databasen svarer ikke")).when(codeRegistry).register(any());
        Job registration = management.createJobQuery()
            .processInstanceId(pi)
            .activityId("registerFirstAttendanceCode")
            .singleResult();
        failOnce(registration);
        Scrape retrying = scrape();
        assertThat(retrying.delta(breached, "pakkeforlop_pathways_waiting", "activity=\"registerFirstAttendance\""))
            .isEqualTo(-1);
        // the endoscopy task comes after the code registration: not yet
        assertThat(retrying.delta(breached, "pakkeforlop_pathways_waiting", "activity=\"registerEndoscopyResult\""))
            .isEqualTo(0);
        assertThat(retrying.delta(breached, "pakkeforlop_code_registrations_failing", "state=\"retrying\""))
            .isEqualTo(1);
        assertThat(retrying.delta(breached, "camunda_job_executed_total", "result=\"failed\""))
            .isGreaterThanOrEqualTo(1);

        while (management.createJobQuery().jobId(registration.getId()).singleResult().getRetries() > 0) {
            failOnce(registration);
        }
        Scrape failed = scrape();
        assertThat(failed.delta(retrying, "pakkeforlop_code_registrations_failing", "state=\"retrying\""))
            .isEqualTo(-1);
        assertThat(failed.delta(retrying, "pakkeforlop_code_registrations_failing", "state=\"failed\"")).isEqualTo(1);
        assertThat(failed.delta(retrying, "camunda_incidents_open", "")).isEqualTo(1);
        assertThat(failed.delta(retrying, "camunda_jobs_failed", "")).isEqualTo(1);

        // the follow-up is done: the breach gauge falls back
        complete(pi, "followUpBreach", "2026-01-16", FormAnswers.complete("followUpBreach"));
        assertThat(scrape().delta(failed, "pakkeforlop_breach_followups_open",
                "interval=\"REFERRAL_TO_FIRST_ATTENDANCE\""))
            .isEqualTo(-1);
    }

    @Test
    void theScrapeHasHttpJvmAndJobExecutorMetrics() {
        Scrape scrape = scrape();
        for (String name : new String[] { "jvm_memory_used_bytes", "http_server_requests_seconds_count",
                "camunda_job_acquired_total", "camunda_jobs_due", "camunda_jobs_due_oldest_seconds",
                "camunda_incidents_open", "pakkeforlop_pathways_active" }) {
            assertThat(scrape.text()).as(name).contains("\n" + name);
        }
    }

    @Test
    void everyMetricOfTheSampleDashboardIsInTheScrape() throws Exception {
        String dashboard = java.nio.file.Files
            .readString(java.nio.file.Path.of("src/main/grafana/pakkeforlop-dashboard.json"));
        JSON.readTree(dashboard); // valid JSON
        java.util.regex.Matcher metric = java.util.regex.Pattern
            .compile("\\b((?:pakkeforlop|camunda|http_server|jvm|hikaricp|process)_[a-z_]+)\\b")
            .matcher(dashboard);
        java.util.Set<String> names = new java.util.TreeSet<>();
        while (metric.find()) {
            names.add(metric.group(1));
        }
        assertThat(names).hasSizeGreaterThan(10);
        Scrape scrape = scrape();
        assertThat(names).allSatisfy(name -> assertThat(scrape.text()).as(name).containsPattern("\n" + name + "[{ ]"));
    }

    private void runJobIfAny(String pi, String activityId) {
        if (management.createJobQuery().processInstanceId(pi).activityId(activityId).count() > 0) {
            runJob(pi, activityId);
        }
    }

    private void failOnce(Job job) {
        try {
            management.executeJob(job.getId());
        }
        catch (RuntimeException expected) {
            // the job failed: the engine counts down its retries
        }
    }

    private Scrape scrape() {
        http.getForEntity("/actuator/health/liveness", String.class); // so the scrape has
                                                                      // an HTTP request
                                                                      // to show
        metrics.forget();
        ResponseEntity<String> answer = get(ADMIN, "/actuator/prometheus", "text/plain");
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        return new Scrape("\n" + answer.getBody());
    }

    /** The text of one scrape, and the value of a series in it. */
    record Scrape(String text) {
        /** The sum of the matching series (one per pathway, where a series has one). */
        double value(String name, String label) {
            double sum = 0;
            boolean found = false;
            for (String line : text.split("\n")) {
                if ((line.startsWith(name + "{") || line.startsWith(name + " ")) && line.contains(label)) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    found = true;
                }
            }
            if (!found) {
                throw new AssertionError("No series " + name + " " + label + " in the scrape:\n" + text);
            }
            return sum;
        }

        double delta(Scrape before, String name, String label) {
            return value(name, label) - before.value(name, label);
        }
    }

}
