package no.pakkeforlop.operations;

import static no.pakkeforlop.testsupport.TestData.COORDINATOR;
import static no.pakkeforlop.testsupport.TestData.NATIONAL_ID;
import static no.pakkeforlop.testsupport.TestData.allNationalIds;
import static no.pakkeforlop.testsupport.TestData.PATIENT_NAME;
import static no.pakkeforlop.testsupport.TestData.PROCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import no.pakkeforlop.api.ApiTestSupport;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ResponseEntity;

/**
 * Refusals of input are one INFO line, real failures ERROR with their cause, and no line
 * names a patient.
 */
@ExtendWith(OutputCaptureExtension.class)
class QuietLogsTest extends ApiTestSupport {

    /** A national id with a wrong check digit, as a typo would give. */
    static final String WRONG_NATIONAL_ID = "31129956716";

    @Test
    void refusalsAreOneInfoLineWithoutStackTraceAndNoLineNamesThePatient(CapturedOutput output) throws Exception {
        // identical referrals sent at once: one starts the pathway, the losers get the
        // same answer
        String body = text(referral("QUIET-0001", "2026-03-02"));
        today("2026-03-02");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return post(COORDINATOR, "/api/referrals", body).getStatusCode().value();
            }));
        }
        start.countDown();
        for (Future<Integer> answer : answers) {
            assertThat(answer.get(1, TimeUnit.MINUTES)).isIn(200, 201);
        }
        pool.shutdown();
        String pi = json(get(COORDINATOR, "/api/pathways/QUIET-0001")).path("processInstanceId").asText();

        // a referral with a national id that fails its check digits, and the id in a
        // field where a code belongs
        var invalid = referral("QUIET-0002", "2026-03-02");
        ((com.fasterxml.jackson.databind.node.ObjectNode) invalid.get("patient")).put("nationalId", WRONG_NATIONAL_ID);
        invalid.put("startBasis", NATIONAL_ID);
        assertThat(post(COORDINATOR, "/api/referrals", invalid).getStatusCode().value()).isEqualTo(400);
        // the same through the engine's REST API and its start form (as Tasklist starts a
        // pathway)
        ResponseEntity<String> started = post(COORDINATOR,
                "/engine-rest/process-definition/key/" + PROCESS_KEY + "/submit-form",
                Map.of("businessKey", "QUIET-0003", "variables",
                        Map.of("referralId", Map.of("value", "QUIET-0003"), "nationalId",
                                Map.of("value", WRONG_NATIONAL_ID), "patientName", Map.of("value", PATIENT_NAME))));
        assertThat(started.getStatusCode().value()).isEqualTo(400);

        // a completion with a date in the future, through the engine's REST API as
        // Tasklist does it
        String taskId = tasks.createTaskQuery()
            .processInstanceId(pi)
            .taskDefinitionKey("registerFirstAttendance")
            .singleResult()
            .getId();
        ResponseEntity<String> refused = post(COORDINATOR, "/engine-rest/task/" + taskId + "/complete",
                Map.of("variables", Map.of("firstAttendanceDate", Map.of("value", "2026-03-09"), "firstAttendanceType",
                        Map.of("value", "OUTPATIENT"))));
        assertThat(refused.getStatusCode().value()).isEqualTo(400);

        String log = output.getAll();
        assertThat(log).doesNotContain("ENGINE-16004").doesNotContain("\tat org.camunda");
        assertThat(log)
            .contains("Input refused by the pathway's rules (400), nothing saved; fields [firstAttendanceDate]");
        // refusals before the engine (the API's own checks) are one line too; an engine
        // refusal is not counted twice
        assertThat(log).contains("Request refused: POST /api/referrals answered 400");
        assertThat(log.lines().filter(line -> line.contains("/engine-rest/task/" + taskId + "/complete"))).isEmpty();
        assertThat(log).doesNotContain(allNationalIds())
            .doesNotContain(NATIONAL_ID)
            .doesNotContain(WRONG_NATIONAL_ID)
            .doesNotContain(PATIENT_NAME)
            .doesNotContain("Nordmann");
    }

    @Test
    void aRealFailureStaysAnErrorWithItsCause(CapturedOutput output) {
        String pi = startPathway("QUIET-0010", "2026-03-02");
        complete(pi, "registerFirstAttendance", "2026-03-04",
                Map.of("firstAttendanceDate", "2026-03-04", "firstAttendanceType", "OUTPATIENT"));
        doThrow(new IllegalStateException("Databasen svarer ikke")).when(codeRegistry).register(any());
        Job job = management.createJobQuery()
            .processInstanceId(pi)
            .activityId("registerFirstAttendanceCode")
            .singleResult();
        try {
            management.executeJob(job.getId());
        }
        catch (RuntimeException expected) {
            // the job failed; the job executor would try again
        }
        assertThat(output.getAll()).contains("ERROR")
            .contains("ENGINE-16004")
            .contains("Databasen svarer ikke")
            .contains("\tat ");
        assertThat(output.getAll()).doesNotContain(allNationalIds()).doesNotContain(PATIENT_NAME);
    }

}
