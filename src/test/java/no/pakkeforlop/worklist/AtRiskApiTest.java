package no.pakkeforlop.worklist;

import static no.pakkeforlop.testsupport.TestData.ADMIN;
import static no.pakkeforlop.testsupport.TestData.COORDINATOR;
import static no.pakkeforlop.testsupport.TestData.MANAGER;
import static no.pakkeforlop.testsupport.TestData.MDT;
import static no.pakkeforlop.testsupport.TestData.NATIONAL_ID;
import static no.pakkeforlop.testsupport.TestData.OUTSIDER;
import static no.pakkeforlop.testsupport.TestData.PHYSICIAN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.StreamSupport;
import no.pakkeforlop.api.ApiTestSupport;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * GET /api/worklist/at-risk over constructed histories. The completed pathways the
 * prediction learns from are written as codes straight into pathway_code (process
 * instances that no longer run); the pathways at risk are real ones, started and advanced
 * through the API and the engine. Each test has its own years (2031, 2033), so the 12
 * months learned from hold only its own history, and pathways of other tests are long
 * breached by then.
 *
 * <pre>
 * learned in 2031 (25 completed):  A -> S 2 days, S -> C 25 days, C -> F 8 days    (so A -> F 35, S -> F 33)
 * today 2031-06-16
 * HEN-RISK-2031-DUE     A 06-10            8-day time due 06-18 (2 days left), predicted 06-16 + 2 = 06-18: due soon
 *                                          43-day time due 07-23, predicted 06-16 + 35 = 07-21: fine
 * HEN-RISK-2031-LATE    A 06-01, S 06-08   21-day time due 06-29 (13 left), predicted 06-16 + 25 = 07-11: breach
 *                                          43-day time due 07-14 (28 left), predicted 06-16 + 33 = 07-19: breach
 * HEN-RISK-2031-FINE    A 06-15            8-day time due 06-23 (7 left), predicted 06-18; 43-day due 07-28, 07-21
 * </pre>
 */
@Tag("dates")
class AtRiskApiTest extends ApiTestSupport {

    /**
     * Writes {@code count} completed pathways with these milestone dates (A, S, C*, F*),
     * as registered codes.
     */
    private void completedPathways(String prefix, int from, int count, String a, String s, String c, String f) {
        for (int i = from; i < from + count; i++) {
            String pi = prefix + "-" + i;
            code(pi, "REFERRAL", "A32A", a);
            code(pi, "FIRST_ATTENDANCE", "A32S", s);
            code(pi, "DECISION", "A32CK", c);
            code(pi, "TREATMENT_START", "A32FM", f);
        }
    }

    private void code(String pi, String key, String code, String date) {
        jdbc.update(
                "insert into pathway_code (referral_id, process_instance_id, registration_key, code, code_date, hospital,"
                        + " registered_at, registered_by) values (?, ?, ?, ?, ?, ?, ?, ?)",
                "LEARN-" + pi, pi, key, code, LocalDate.parse(date), "Helse Bergen HF", OffsetDateTime.now(), "test");
    }

    private List<JsonNode> atRisk(String user, String query, String prefix) {
        ResponseEntity<String> response = get(user, "/api/worklist/at-risk" + query);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return StreamSupport.stream(json(response).spliterator(), false)
            .filter(item -> item.get("referralId").asText().startsWith(prefix))
            .toList();
    }

    /** "referralId interval due daysLeft predictedEnd nextTask" per item. */
    private static List<String> rows(List<JsonNode> items) {
        return items.stream()
            .map(i -> String.join(" ", i.get("referralId").asText(), i.get("interval").asText(), i.get("due").asText(),
                    i.get("daysLeft").asText(), i.get("predictedEnd").asText(), i.get("nextTask").asText()))
            .toList();
    }

    @Test
    void dueSoonAndPredictedBreachesAreListedByDaysLeftWithTheNextTaskAndWhoHoldsIt() {
        completedPathways("learn-2031", 0, 25, "2031-02-01", "2031-02-03", "2031-02-28", "2031-03-08");
        String due = startPathway("HEN-RISK-2031-DUE", "2031-06-10");
        String late = startPathway("HEN-RISK-2031-LATE", "2031-06-01");
        firstAttendance(late, "2031-06-08");
        startPathway("HEN-RISK-2031-FINE", "2031-06-15");
        today("2031-06-16");
        Task task = tasks.createTaskQuery()
            .processInstanceId(due)
            .taskDefinitionKey("registerFirstAttendance")
            .singleResult();
        tasks.claim(task.getId(), COORDINATOR);

        List<JsonNode> items = atRisk(COORDINATOR, "", "HEN-RISK-2031-");
        assertThat(rows(items)).containsExactly(
                "HEN-RISK-2031-DUE REFERRAL_TO_FIRST_ATTENDANCE 2031-06-18 2 2031-06-18 registerFirstAttendance",
                "HEN-RISK-2031-LATE FIRST_ATTENDANCE_TO_DECISION 2031-06-29 13 2031-07-11 registerEndoscopyResult",
                "HEN-RISK-2031-LATE REFERRAL_TO_TREATMENT 2031-07-14 28 2031-07-19 registerEndoscopyResult");
        JsonNode first = items.get(0);
        assertThat(first.get("hospital").asText()).isEqualTo("Helse Bergen HF");
        assertThat(first.get("processInstanceId").asText()).isEqualTo(due);
        assertThat(first.get("taskId").asText()).isEqualTo(task.getId());
        assertThat(first.get("taskAssignee").asText()).isEqualTo(COORDINATOR);
        assertThat(first.get("taskCandidateGroup").asText()).isEqualTo("forlopskoordinator");
        assertThat(first.get("dueSoon").asBoolean()).isTrue();
        assertThat(first.get("predictedBreach").asBoolean()).isFalse();
        assertThat(first.get("predictionBasis").asText()).isEqualTo("LEARNED");
        assertThat(first.get("predictionKnownPathways").asLong()).isEqualTo(25);
        JsonNode second = items.get(1);
        assertThat(second.get("taskAssignee").isNull()).isTrue();
        assertThat(second.get("taskCandidateGroup").asText()).isEqualTo("lege");
        assertThat(second.get("dueSoon").asBoolean()).isFalse();
        assertThat(second.get("predictedBreach").asBoolean()).isTrue();

        // a wider window takes in the pathway due in 7 days
        assertThat(rows(atRisk(MANAGER, "?withinDays=7", "HEN-RISK-2031-"))).containsExactly(
                "HEN-RISK-2031-DUE REFERRAL_TO_FIRST_ATTENDANCE 2031-06-18 2 2031-06-18 registerFirstAttendance",
                "HEN-RISK-2031-FINE REFERRAL_TO_FIRST_ATTENDANCE 2031-06-23 7 2031-06-18 registerFirstAttendance",
                "HEN-RISK-2031-LATE FIRST_ATTENDANCE_TO_DECISION 2031-06-29 13 2031-07-11 registerEndoscopyResult",
                "HEN-RISK-2031-LATE REFERRAL_TO_TREATMENT 2031-07-14 28 2031-07-19 registerEndoscopyResult");

        // once the 8-day time has passed without a first attendance it is breached, no
        // longer at risk
        today("2031-06-19");
        assertThat(rows(atRisk(COORDINATOR, "?withinDays=0", "HEN-RISK-2031-DUE")))
            .noneMatch(row -> row.contains("REFERRAL_TO_FIRST_ATTENDANCE"));
    }

    @Test
    void withFewerThanTwentyCompletedTheStandardTimesPredictAndTheTwentiethTeachesTheMedian() {
        // 19 completed pathways that went fast: S -> C 5 days, C -> F 5 days
        completedPathways("learn-2033", 0, 19, "2033-02-01", "2033-02-02", "2033-02-07", "2033-02-12");
        String pi = startPathway("HEN-RISK-2033-SLOW", "2033-06-01");
        firstAttendance(pi, "2033-06-08");
        today("2033-06-15");

        // standard times: 21 days from the first attendance to the decision, 21 + 14 to
        // treatment
        List<JsonNode> items = atRisk(MANAGER, "", "HEN-RISK-2033-");
        assertThat(rows(items)).containsExactly(
                "HEN-RISK-2033-SLOW FIRST_ATTENDANCE_TO_DECISION 2033-06-29 14 2033-07-06 registerEndoscopyResult",
                "HEN-RISK-2033-SLOW REFERRAL_TO_TREATMENT 2033-07-14 29 2033-07-20 registerEndoscopyResult");
        assertThat(items).allSatisfy(item -> {
            assertThat(item.get("predictionBasis").asText()).isEqualTo("STANDARD");
            assertThat(item.get("predictionKnownPathways").asLong()).isEqualTo(19);
        });

        // the twentieth completed pathway: the learned 5 (+ 5) days predict no breach any
        // more
        completedPathways("learn-2033", 19, 1, "2033-02-01", "2033-02-02", "2033-02-07", "2033-02-12");
        assertThat(atRisk(MANAGER, "", "HEN-RISK-2033-")).isEmpty();
        assertThat(rows(atRisk(MANAGER, "?withinDays=14", "HEN-RISK-2033-"))).containsExactly(
                "HEN-RISK-2033-SLOW FIRST_ATTENDANCE_TO_DECISION 2033-06-29 14 2033-06-20 registerEndoscopyResult");
    }

    @Test
    void coordinatorsAndManagementMayReadItOthersNotAndItNamesNoPatient() {
        startPathway("HEN-RISK-2035-ANY", "2035-03-02");
        today("2035-03-09");
        ResponseEntity<String> response = get(MANAGER, "/api/worklist/at-risk?withinDays=30");
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).contains("HEN-RISK-2035-ANY")
            .doesNotContain(NATIONAL_ID)
            .doesNotContain("Nordmann")
            .doesNotContain("Kari");
        assertThat(get(COORDINATOR, "/api/worklist/at-risk").getStatusCode().value()).isEqualTo(200);
        assertThat(get(ADMIN, "/api/worklist/at-risk").getStatusCode().value()).isEqualTo(200);
        assertThat(get(PHYSICIAN, "/api/worklist/at-risk").getStatusCode().value()).isEqualTo(403);
        assertThat(get(MDT, "/api/worklist/at-risk").getStatusCode().value()).isEqualTo(403);
        assertThat(get(OUTSIDER, "/api/worklist/at-risk").getStatusCode().value()).isEqualTo(403);
        assertThat(http.getForEntity("/api/worklist/at-risk", String.class).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void aBadNumberOfDaysIs400WithAProblem() {
        for (String bad : List.of("abc", "-1", "366", "2.5", "")) {
            ResponseEntity<String> response = get(COORDINATOR, "/api/worklist/at-risk?withinDays=" + bad);
            assertThat(response.getStatusCode().value()).as(bad).isEqualTo(400);
            assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
            assertThat(errors(response)).containsExactly("withinDays");
        }
    }

}
