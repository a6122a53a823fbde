package no.pakkeforlop.worklist;

import static no.pakkeforlop.testsupport.TestData.ADMIN;
import static no.pakkeforlop.testsupport.TestData.COORDINATOR;
import static no.pakkeforlop.testsupport.TestData.MANAGER;
import static no.pakkeforlop.testsupport.TestData.MDT;
import static no.pakkeforlop.testsupport.TestData.allNationalIds;
import static no.pakkeforlop.testsupport.TestData.OUTSIDER;
import static no.pakkeforlop.testsupport.TestData.PHYSICIAN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * GET /api/worklist/at-risk over constructed histories. The finished pathways the
 * prediction learns from are written as codes straight into pathway_code (process
 * instances that no longer run); the pathways on the list are real ones, started and
 * advanced through the API and the engine. Each test has its own years (2031, 2033,
 * 2041), so the 12 months learned from hold only its own history, and pathways of other
 * tests are long breached by then.
 *
 * <pre>
 * learned in 2031 (25 finished, Bergen):  A -> S 2 days, S -> C 25 days, C -> F 8 days, A -> F 35 days
 * today 2031-06-16
 * HEN-RISK-2031-DUE   A 06-10           8-day time due 06-18 (2 left), 6 used: none of the 25 took 6 days,
 *                                       so the standard time: 06-18, not past due; listed as due soon
 *                                       43-day time due 07-23: 06-10 + 35 = 07-15, fine
 * HEN-RISK-2031-LATE  A 06-01, S 06-08  21-day time due 06-29 (13 left), 8 used: 06-08 + 25 = 07-03: at risk
 *                                       43-day time due 07-14, 15 used: 06-01 + 35 = 07-06, fine (the old
 *                                       rule, today + 33 = 07-19, listed it)
 * HEN-RISK-2031-FINE  A 06-15           8-day time due 06-23 (7 left): 06-15 + 2 = 06-17
 * </pre>
 */
@Tag("dates")
class AtRiskApiTest extends ApiTestSupport {

    private static final String BERGEN = "Helse Bergen HF";

    /**
     * Writes {@code count} finished pathways with these milestone dates (A, S, C*, F*),
     * as registered codes at Helse Bergen HF.
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
                "LEARN-" + pi, pi, key, code, LocalDate.parse(date), BERGEN, OffsetDateTime.now(), "test");
    }

    private String startPathwayAt(String referralId, String receivedDate, String hospital) {
        today(receivedDate);
        ObjectNode body = referral(referralId, receivedDate).put("hospital", hospital);
        ResponseEntity<String> response = post(COORDINATOR, "/api/referrals", body);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
        return json(response).get("processInstanceId").asText();
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

    /**
     * "daysUsed atRisk predictedBreach cautiousEnd scope known median p80 basis" of an
     * item.
     */
    private static String basis(JsonNode i) {
        return String.join(" ", i.get("daysUsed").asText(), i.get("atRisk").asText(), i.get("predictedBreach").asText(),
                i.get("cautiousEnd").asText(), i.get("predictionScope").asText(),
                i.get("predictionKnownPathways").asText(), i.get("predictionMedianDays").asText(),
                i.get("predictionP80Days").asText(), i.get("predictionBasis").asText());
    }

    @Test
    void dueSoonAndAtRiskAreListedByDaysLeftWithTheNextTaskWhoHoldsItAndWhy() {
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
                "HEN-RISK-2031-LATE FIRST_ATTENDANCE_TO_DECISION 2031-06-29 13 2031-07-03 registerEndoscopyResult");
        JsonNode first = items.get(0);
        assertThat(first.get("hospital").asText()).isEqualTo(BERGEN);
        assertThat(first.get("processInstanceId").asText()).isEqualTo(due);
        assertThat(first.get("taskId").asText()).isEqualTo(task.getId());
        assertThat(first.get("taskAssignee").asText()).isEqualTo(COORDINATOR);
        assertThat(first.get("taskCandidateGroup").asText()).isEqualTo("forlopskoordinator");
        assertThat(first.get("dueSoon").asBoolean()).isTrue();
        assertThat(basis(first)).isEqualTo("6 false false 2031-06-18 STANDARD 0 8 8 STANDARD");
        assertThat(first.get("explanation").asText()).isEqualTo("Brukt 6 av 8 dager, frist 18.06.2031 (2 dager igjen). "
                + "Ingen fullførte forløp hadde brukt minst 6 dager: normert tid brukt som anslag. "
                + "Forsiktig anslag 18.06.2031 er innen fristen.");
        JsonNode second = items.get(1);
        assertThat(second.get("taskAssignee").isNull()).isTrue();
        assertThat(second.get("taskCandidateGroup").asText()).isEqualTo("lege");
        assertThat(second.get("dueSoon").asBoolean()).isFalse();
        assertThat(basis(second)).isEqualTo("8 true true 2031-07-03 HOSPITAL 25 25 25 LEARNED");
        assertThat(second.get("predictionInterval").asText()).isEqualTo("FIRST_ATTENDANCE_TO_DECISION");
        assertThat(second.get("explanation").asText())
            .isEqualTo("Brukt 8 av 21 dager, frist 29.06.2031 (13 dager igjen). "
                    + "Av 25 fullførte forløp som hadde brukt minst 8 dager ved Helse Bergen HF tok halvparten 25 dager eller "
                    + "kortere og 80 % 25 dager eller kortere. Forsiktig anslag 03.07.2031 er etter fristen.");

        // a wider window takes in the pathway due in 7 days
        assertThat(rows(atRisk(MANAGER, "?withinDays=7", "HEN-RISK-2031-"))).containsExactly(
                "HEN-RISK-2031-DUE REFERRAL_TO_FIRST_ATTENDANCE 2031-06-18 2 2031-06-18 registerFirstAttendance",
                "HEN-RISK-2031-FINE REFERRAL_TO_FIRST_ATTENDANCE 2031-06-23 7 2031-06-17 registerFirstAttendance",
                "HEN-RISK-2031-LATE FIRST_ATTENDANCE_TO_DECISION 2031-06-29 13 2031-07-03 registerEndoscopyResult");

        // one day left: at risk, whatever the prediction
        today("2031-06-17");
        JsonNode last = atRisk(COORDINATOR, "?withinDays=0", "HEN-RISK-2031-DUE").get(0);
        assertThat(basis(last)).isEqualTo("7 true false 2031-06-18 STANDARD 0 8 8 STANDARD");
        assertThat(last.get("explanation").asText())
            .endsWith("er innen fristen. Under 2 dager igjen, og steget som avslutter intervallet er ikke registrert.");

        // once the 8-day time has passed without a first attendance it is breached, no
        // longer at risk
        today("2031-06-19");
        assertThat(rows(atRisk(COORDINATOR, "?withinDays=0", "HEN-RISK-2031-DUE")))
            .noneMatch(row -> row.contains("REFERRAL_TO_FIRST_ATTENDANCE"));
    }

    @Test
    void withFewerThanTwentyComparableTheStandardTimePredictsAndTheTwentiethTeachesTheMedian() {
        // 19 finished pathways that took 25 days from the first attendance to the
        // decision
        completedPathways("learn-2033", 0, 19, "2033-02-01", "2033-02-03", "2033-02-28", "2033-03-08");
        String pi = startPathway("HEN-RISK-2033-SLOW", "2033-06-01");
        firstAttendance(pi, "2033-06-08");
        today("2033-06-15");

        // the standard time: 21 days, ending on the due date, so not at risk
        assertThat(atRisk(MANAGER, "", "HEN-RISK-2033-")).isEmpty();
        List<JsonNode> items = atRisk(MANAGER, "?withinDays=14", "HEN-RISK-2033-");
        assertThat(rows(items)).containsExactly(
                "HEN-RISK-2033-SLOW FIRST_ATTENDANCE_TO_DECISION 2033-06-29 14 2033-06-29 registerEndoscopyResult");
        assertThat(basis(items.get(0))).isEqualTo("7 false false 2033-06-29 STANDARD 19 21 21 STANDARD");

        // the twentieth: the learned 25 days pass the due date
        completedPathways("learn-2033", 19, 1, "2033-02-01", "2033-02-03", "2033-02-28", "2033-03-08");
        items = atRisk(MANAGER, "", "HEN-RISK-2033-");
        assertThat(rows(items)).containsExactly(
                "HEN-RISK-2033-SLOW FIRST_ATTENDANCE_TO_DECISION 2033-06-29 14 2033-07-03 registerEndoscopyResult");
        assertThat(basis(items.get(0))).isEqualTo("7 true true 2033-07-03 HOSPITAL 20 25 25 LEARNED");
    }

    /**
     * <pre>
     * learned in 2041 (50 finished, Bergen): S -> C 5 days (25) or 19 days (25); A -> F 19 or 33
     * today 2041-06-16
     * HEN-RISK-2041-LONG   Bergen, A 05-30, S 06-01: 15 of 21 days used; of the 25 that lasted 15 days
     *                      all took 19: 06-20, within 06-22 (the old rule: today + 12 = 06-28, a breach)
     * HEN-RISK-2041-OTHER  Stavanger, the same dates: none known there, so all hospitals'
     * </pre>
     */
    @Test
    void thePredictionCountsTheDaysAlreadyUsedAndFallsBackFromTheHospitalToAll() {
        completedPathways("learn-2041", 0, 25, "2041-02-01", "2041-02-03", "2041-02-08", "2041-02-20");
        completedPathways("learn-2041", 25, 25, "2041-02-01", "2041-02-03", "2041-02-22", "2041-03-06");
        firstAttendance(startPathway("HEN-RISK-2041-LONG", "2041-05-30"), "2041-06-01");
        firstAttendance(startPathwayAt("HEN-RISK-2041-OTHER", "2041-05-30", "Helse Stavanger HF"), "2041-06-01");
        today("2041-06-16");

        assertThat(atRisk(COORDINATOR, "", "HEN-RISK-2041-")).isEmpty();
        List<JsonNode> items = atRisk(COORDINATOR, "?withinDays=6", "HEN-RISK-2041-");
        assertThat(rows(items)).containsExactly(
                "HEN-RISK-2041-LONG FIRST_ATTENDANCE_TO_DECISION 2041-06-22 6 2041-06-20 registerEndoscopyResult",
                "HEN-RISK-2041-OTHER FIRST_ATTENDANCE_TO_DECISION 2041-06-22 6 2041-06-20 registerEndoscopyResult");
        assertThat(basis(items.get(0))).isEqualTo("15 false false 2041-06-20 HOSPITAL 25 19 19 LEARNED");
        assertThat(basis(items.get(1))).isEqualTo("15 false false 2041-06-20 ALL 25 19 19 LEARNED");
        assertThat(items.get(1).get("explanation").asText()).contains("For få ved Helse Stavanger HF; av 25 fullførte "
                + "forløp som hadde brukt minst 15 dager ved alle sykehus tok halvparten 19 dager eller kortere");
    }

    @Test
    void coordinatorsAndManagementMayReadItOthersNotAndItNamesNoPatient() {
        startPathway("HEN-RISK-2035-ANY", "2035-03-02");
        today("2035-03-09");
        ResponseEntity<String> response = get(MANAGER, "/api/worklist/at-risk?withinDays=30");
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).contains("HEN-RISK-2035-ANY")
            .doesNotContain(allNationalIds())
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
