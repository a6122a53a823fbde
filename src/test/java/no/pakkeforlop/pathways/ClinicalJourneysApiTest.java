package no.pakkeforlop.pathways;

import static no.pakkeforlop.testsupport.TestData.COORDINATOR;
import static no.pakkeforlop.testsupport.TestData.MANAGER;
import static no.pakkeforlop.testsupport.TestData.PHYSICIAN;
import static no.pakkeforlop.testsupport.TestData.PROCESS_KEY;
import static no.pakkeforlop.testsupport.TestData.nationalIdFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import no.pakkeforlop.api.ApiTestSupport;
import no.pakkeforlop.testsupport.FormAnswers;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * The clinical second pass as staff and referral systems meet it: through /api and
 * /engine-rest, as a coordinator and physicians would. A second referral for a patient
 * whose pathway runs, the care after A32X, the needs talk after a decision without
 * treatment, a gastroscopy that did not answer.
 */
class ClinicalJourneysApiTest extends ApiTestSupport {

    /** Completes the pathway's open task through engine REST, as Tasklist does. */
    private ResponseEntity<String> completeAs(String user, String pi, String taskKey, Map<String, Object> values) {
        Task task = tasks.createTaskQuery()
            .processInstanceIdIn(instancesOf(pi))
            .taskDefinitionKey(taskKey)
            .singleResult();
        assertThat(task).as("open task " + taskKey).isNotNull();
        ObjectNode variables = JSON.createObjectNode();
        values.forEach((name, value) -> variables.putObject(name).putPOJO("value", value));
        ObjectNode body = JSON.createObjectNode();
        body.set("variables", variables);
        return post(user, "/engine-rest/task/" + task.getId() + "/complete", body);
    }

    private ObjectNode referralOf(String referralId, String receivedDate, String patientOf) {
        ObjectNode body = referral(referralId, receivedDate);
        ((ObjectNode) body.get("patient")).put("nationalId", nationalIdFor(patientOf));
        return body;
    }

    // ------------------------------------------------------------------ one active
    // pathway per patient

    @Test
    void aSecondReferralWhileThePatientsPathwayRunsIs409AttachedToItAndStartsNothing() {
        String pi = startPathway("HEN-PAT-1", "2026-04-06");
        today("2026-04-08");

        ResponseEntity<String> second = post(COORDINATOR, "/api/referrals",
                referralOf("HEN-PAT-2", "2026-04-08", "HEN-PAT-1"));

        assertThat(second.getStatusCode().value()).as(second.getBody()).isEqualTo(409);
        JsonNode problem = json(second);
        assertThat(problem.get("activeReferralId").asText()).isEqualTo("HEN-PAT-1");
        assertThat(errors(second)).containsExactly("patient.nationalId");
        assertThat(problem.get("detail").asText()).contains("«HEN-PAT-1»").contains("ingen ny A32A");
        assertThat(get(COORDINATOR, "/api/pathways/HEN-PAT-2").getStatusCode().value()).isEqualTo(404);
        assertThat(count("select count(*) from pathway_code where code = 'A32A' and referral_id like 'HEN-PAT-%'"))
            .isEqualTo(1);
        // the coordinator of the running pathway is told, once however often it is sent
        assertThat(
                post(COORDINATOR, "/api/referrals", referralOf("HEN-PAT-2", "2026-04-08", "HEN-PAT-1")).getStatusCode()
                    .value())
            .isEqualTo(409);
        assertThat(openTasks(pi)).containsOnlyOnce("reviewAdditionalReferral");
        Task review = tasks.createTaskQuery()
            .processInstanceIdIn(instancesOf(pi))
            .taskDefinitionKey("reviewAdditionalReferral")
            .singleResult();
        assertThat(tasks.getVariable(review.getId(), "additionalReferralId")).isEqualTo("HEN-PAT-2");
        assertThat(tasks.getVariable(review.getId(), "additionalReferralReceivedDate")).isEqualTo("2026-04-08");
        assertThat(count("select count(*) from additional_referral where active_referral_id = 'HEN-PAT-1'"))
            .isEqualTo(1);
        JsonNode status = json(get(COORDINATOR, "/api/pathways/HEN-PAT-1"));
        assertThat(status.get("additionalReferrals").findValuesAsText("referralId")).containsExactly("HEN-PAT-2");
        assertThat(completeAs(COORDINATOR, pi, "reviewAdditionalReferral",
                FormAnswers.complete("reviewAdditionalReferral"))
            .getStatusCode()
            .value()).isEqualTo(204);

        // the same through engine REST, as Tasklist's start form: 409 with the message
        ObjectNode variables = JSON.createObjectNode();
        Map<String, Object> values = Map.ofEntries(Map.entry("referralId", "HEN-PAT-3"),
                Map.entry("nationalId", nationalIdFor("HEN-PAT-1")), Map.entry("patientName", "Kari Nordmann"),
                Map.entry("receivedDate", "2026-04-08"), Map.entry("startBasis", "MARKED_REFERRAL"),
                Map.entry("referrerType", "GP"), Map.entry("referrerName", "Fastlege"),
                Map.entry("hospital", "Helse Bergen HF"));
        values.forEach((name, value) -> variables.putObject(name).putPOJO("value", value));
        variables.putObject("suspicionCriteria").put("value", "[\"DYSPHAGIA_OVER_2_WEEKS\"]").put("type", "Json");
        ObjectNode start = JSON.createObjectNode();
        start.set("variables", variables);
        start.put("businessKey", "HEN-PAT-3");
        ResponseEntity<String> viaEngine = post(COORDINATOR,
                "/engine-rest/process-definition/key/" + PROCESS_KEY + "/start", start);
        assertThat(viaEngine.getStatusCode().value()).as(viaEngine.getBody()).isEqualTo(409);
        assertThat(json(viaEngine).get("message").asText()).contains("«HEN-PAT-1»");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("HEN-PAT-3").count()).isZero();
    }

    @Test
    void aReferralAfterTheFinishedPathwayThatDoesNotSayWhatItIsWaitsForTheCoordinatorThenANewCancerGetsA32aOnTheReceivedDate() {
        treatedPathway("HEN-PAT-OLD", "2026-01-05", "2026-01-07", "2026-01-20", "2026-01-28");
        today("2026-04-01");

        ResponseEntity<String> again = post(COORDINATOR, "/api/referrals",
                referralOf("HEN-PAT-NEW", "2026-04-01", "HEN-PAT-OLD"));

        // received and kept, never refused: the coordinator decides before any code
        assertThat(again.getStatusCode().value()).as(again.getBody()).isEqualTo(201);
        String pi = json(again).get("processInstanceId").asText();
        assertThat(count("select count(*) from referral where referral_id = 'HEN-PAT-NEW'")).isEqualTo(1);
        assertThat(openTasks(pi)).containsExactly("clarifyPreviousCancer");
        JsonNode waiting = json(get(COORDINATOR, "/api/pathways/HEN-PAT-NEW"));
        assertThat(codes(waiting)).isEmpty();
        assertThat(waiting.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(waiting.get("previousReferralId").asText()).isEqualTo("HEN-PAT-OLD");
        assertThat(waiting.get("previousCancer").isNull()).isTrue();
        JsonNode earlier = waiting.get("otherPathways").get(0);
        assertThat(earlier.get("referralId").asText()).isEqualTo("HEN-PAT-OLD");
        assertThat(earlier.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(earlier.get("earlier").asBoolean()).isTrue();

        // two days later the coordinator finds it is a new cancer: A32A on the day
        // received
        today("2026-04-03");
        assertThat(completeAs(COORDINATOR, pi, "clarifyPreviousCancer", Map.of("previousCancerDecision", "NEW_PRIMARY"))
            .getStatusCode()
            .value()).isEqualTo(204);
        JsonNode now = json(get(COORDINATOR, "/api/pathways/HEN-PAT-NEW"));
        assertThat(codes(now)).containsExactly("A32A 2026-04-01");
        assertThat(now.get("previousCancer").asText()).isEqualTo("NEW_PRIMARY");
        assertThat(now.get("intervals").get(0).get("due").asText()).isEqualTo("2026-04-09");
        assertThat(openTasks(pi)).contains("registerFirstAttendance");
        JsonNode later = json(get(COORDINATOR, "/api/pathways/HEN-PAT-OLD")).get("otherPathways").get(0);
        assertThat(later.get("referralId").asText()).isEqualTo("HEN-PAT-NEW");
        assertThat(later.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(later.get("earlier").asBoolean()).isFalse();
    }

    @Test
    void aRecurrenceIsFollowedWithoutAnyCodeAndIsInNeitherTheExportTheReportNorTheAtRiskList() {
        treatedPathway("HEN-REC-OLD", "2026-01-05", "2026-01-07", "2026-01-20", "2026-01-28");
        today("2026-05-04");
        ObjectNode body = referralOf("HEN-REC-NEW", "2026-05-04", "HEN-REC-OLD");
        body.put("previousCancer", "RECURRENCE");

        ResponseEntity<String> response = post(COORDINATOR, "/api/referrals", body);

        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
        String pi = json(response).get("processInstanceId").asText();
        assertThat(openTasks(pi)).contains("registerFirstAttendance").doesNotContain("clarifyPreviousCancer");
        String report = get(MANAGER, "/api/reports/pathway-times?from=2026-05-01&to=2026-06-30").getBody();

        // the at-risk list knows nothing of it, even with its first attendance due soon
        today("2026-05-08");
        JsonNode atRisk = json(get(COORDINATOR, "/api/worklist/at-risk?withinDays=10"));
        assertThat(atRisk.findValuesAsText("referralId")).doesNotContain("HEN-REC-NEW");
        // the 8 days pass: no breach, no follow-up task
        today("2026-05-13");
        management.createJobQuery()
            .processInstanceId(pi)
            .timers()
            .duedateLowerThan(ClockUtil.getCurrentTime())
            .list()
            .forEach(job -> management.executeJob(job.getId()));
        assertThat(openTasks(pi)).doesNotContain("followUpBreach");
        firstAttendance(pi, "2026-05-20");

        JsonNode status = json(get(COORDINATOR, "/api/pathways/HEN-REC-NEW"));
        assertThat(codes(status)).isEmpty();
        assertThat(status.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(status.get("previousCancer").asText()).isEqualTo("RECURRENCE");
        assertThat(status.get("previousReferralId").asText()).isEqualTo("HEN-REC-OLD");
        assertThat(status.get("intervals").findValuesAsText("status")).containsOnly("NOT_APPLICABLE");
        // a physician with work in the pathway (the gastroscopy) sees the same
        JsonNode asPhysician = json(get(PHYSICIAN, "/api/pathways/HEN-REC-NEW"));
        assertThat(asPhysician.get("previousCancer").asText()).isEqualTo("RECURRENCE");
        assertThat(asPhysician.get("intervals").findValuesAsText("status")).containsOnly("NOT_APPLICABLE");
        assertThat(count("select count(*) from pathway_code where referral_id = 'HEN-REC-NEW'")).isZero();
        assertThat(count("select count(*) from pathway_breach where referral_id = 'HEN-REC-NEW'")).isZero();
        assertThat(get(COORDINATOR, "/api/codes?from=2026-05-01&to=2026-06-30").getBody())
            .doesNotContain("HEN-REC-NEW");
        assertThat(get(MANAGER, "/api/reports/pathway-times?from=2026-05-01&to=2026-06-30").getBody())
            .isEqualTo(report);

        // termination: nothing to register, the answer is final (200), the pathway ends
        ObjectNode termination = JSON.createObjectNode().put("date", "2026-05-21").put("reason", "PATIENT_DECLINES");
        today("2026-05-21");
        ResponseEntity<String> terminated = post(COORDINATOR, "/api/pathways/HEN-REC-NEW/termination", termination);
        assertThat(terminated.getStatusCode().value()).as(terminated.getBody()).isEqualTo(200);
        assertThat(json(terminated).get("state").asText()).isEqualTo("TERMINATED");
        assertThat(codes(json(terminated))).isEmpty();
        assertThat(openTasks(pi)).contains("informGpOfTermination");
    }

    @Test
    void anUncertainOriginGivesTheCoordinatorTheReferralToB01AndNoCode() {
        treatedPathway("HEN-UNC-OLD", "2026-01-05", "2026-01-07", "2026-01-20", "2026-01-28");
        today("2026-05-04");
        String pi = json(post(COORDINATOR, "/api/referrals", referralOf("HEN-UNC-NEW", "2026-05-04", "HEN-UNC-OLD")))
            .get("processInstanceId")
            .asText();
        today("2026-05-05");
        assertThat(completeAs(COORDINATOR, pi, "clarifyPreviousCancer",
                Map.of("previousCancerDecision", "UNCERTAIN_ORIGIN"))
            .getStatusCode()
            .value()).isEqualTo(204);

        assertThat(openTasks(pi)).containsExactly("referToMetastasisPathway");
        assertThat(completeAs(COORDINATOR, pi, "referToMetastasisPathway",
                FormAnswers.complete("referToMetastasisPathway"))
            .getStatusCode()
            .value()).isEqualTo(204);

        JsonNode status = json(get(COORDINATOR, "/api/pathways/HEN-UNC-NEW"));
        assertThat(codes(status)).isEmpty();
        assertThat(status.get("previousCancer").asText()).isEqualTo("UNCERTAIN_ORIGIN");
        assertThat(status.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(count("select count(*) from pathway_code where referral_id = 'HEN-UNC-NEW'")).isZero();
        // the earlier pathway's patient may be referred again
        today("2026-05-06");
        ObjectNode next = referralOf("HEN-UNC-NEXT", "2026-05-06", "HEN-UNC-OLD");
        next.put("previousCancer", "NEW_PRIMARY");
        ResponseEntity<String> nextResponse = post(COORDINATOR, "/api/referrals", next);
        assertThat(nextResponse.getStatusCode().value()).as(nextResponse.getBody()).isEqualTo(201);
        assertThat(codes(json(get(COORDINATOR, "/api/pathways/HEN-UNC-NEXT")))).containsExactly("A32A 2026-05-06");
    }

    @Test
    void anUnknownPreviousCancerIsRefused() {
        ObjectNode body = referral("HEN-PREV-BAD", "2026-04-01");
        body.put("previousCancer", "RELAPSE");
        today("2026-04-01");

        ResponseEntity<String> response = post(COORDINATOR, "/api/referrals", body);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(response)).containsExactly("previousCancer");
        assertThat(count("select count(*) from referral where referral_id = 'HEN-PREV-BAD'")).isZero();
    }

    @Test
    void referralsOfOnePatientAtTheSameMomentStartOnePathwayAndNeverA500() throws Exception {
        today("2026-04-02");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ResponseEntity<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ObjectNode body = referralOf("HEN-PAT-RACE-" + i, "2026-04-02", "HEN-PAT-RACE");
            answers.add(pool.submit(() -> {
                go.await();
                return post(COORDINATOR, "/api/referrals", body);
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        List<String> winners = new ArrayList<>();
        List<String> attachedTo = new ArrayList<>();
        for (Future<ResponseEntity<String>> answer : answers) {
            ResponseEntity<String> response = answer.get(2, TimeUnit.MINUTES);
            statuses.add(response.getStatusCode().value());
            if (response.getStatusCode().value() == 201) {
                winners.add(json(response).get("referralId").asText());
            }
            else {
                attachedTo.add(json(response).path("activeReferralId").asText());
            }
        }
        pool.shutdown();
        assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 409);
        // every other referral was attached to the one that started the pathway
        assertThat(attachedTo).hasSize(5).containsOnly(winners.get(0));
        assertThat(count("select count(*) from referral where national_id = ?", nationalIdFor("HEN-PAT-RACE")))
            .isEqualTo(1);
        assertThat(
                count("select count(*) from additional_referral where national_id = ?", nationalIdFor("HEN-PAT-RACE")))
            .isEqualTo(5);
    }

    // ------------------------------------------------------------------ A32X ends the
    // clock, not the care

    @Test
    void aPatientWhoDeclinesAfterTheDiagnosisIsStillCaredForAndTheGpIsTold() {
        String pi = startPathway("HEN-X-DECLINES", "2026-04-06");
        firstAttendance(pi, "2026-04-08");
        cancerFound(pi, "2026-04-09", "2026-04-14");
        decision(pi, "2026-04-16", "CK", "SURGERY");
        today("2026-04-20");

        ResponseEntity<String> ended = post(COORDINATOR, "/api/pathways/HEN-X-DECLINES/termination",
                Map.of("date", "2026-04-20", "reason", "PATIENT_DECLINES"));

        assertThat(ended.getStatusCode().value()).as(ended.getBody()).isEqualTo(200);
        assertThat(json(ended).get("state").asText()).isEqualTo("TERMINATED");
        assertThat(codes(json(ended))).endsWith("A32X 2026-04-20");
        assertThat(openTasks(pi)).containsExactly("assessPalliativeCareAfterTermination", "informGpOfTermination",
                "offerNeedsAssessmentAfterTermination");
        assertThat(management.createJobQuery().processInstanceId(pi).count()).isZero();

        // unticked, the GP task is refused; ticked, done
        assertThat(completeAs(COORDINATOR, pi, "informGpOfTermination", Map.of()).getStatusCode().value())
            .isEqualTo(400);
        assertThat(completeAs(COORDINATOR, pi, "informGpOfTermination", FormAnswers.complete("informGpOfTermination"))
            .getStatusCode()
            .value()).isEqualTo(204);
        assertThat(completeAs(COORDINATOR, pi, "offerNeedsAssessmentAfterTermination",
                FormAnswers.complete("offerNeedsAssessmentAfterTermination"))
            .getStatusCode()
            .value()).isEqualTo(204);
        assertThat(completeAs(PHYSICIAN, pi, "assessPalliativeCareAfterTermination",
                FormAnswers.complete("assessPalliativeCareAfterTermination"))
            .getStatusCode()
            .value()).isEqualTo(204);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).count()).isZero();
        JsonNode after = json(get(COORDINATOR, "/api/pathways/HEN-X-DECLINES"));
        assertThat(after.get("state").asText()).isEqualTo("TERMINATED");
        assertThat(codes(after)).hasSize(4).endsWith("A32X 2026-04-20");
    }

    @Test
    void aDeathBeforeTheDiagnosisGivesTheGpTheNoteAndNothingElse() {
        String pi = startPathway("HEN-X-DEATH", "2026-04-06");
        today("2026-04-07");
        ResponseEntity<String> ended = post(COORDINATOR, "/api/pathways/HEN-X-DEATH/termination",
                Map.of("date", "2026-04-07", "reason", "DEATH"));
        assertThat(ended.getStatusCode().value()).as(ended.getBody()).isEqualTo(200);
        assertThat(openTasks(pi)).containsExactly("informGpOfTermination");
    }

    // ------------------------------------------------------------------ the interpreter

    @Test
    void aPatientWhoNeedsAnInterpreterHasTheNeedShownAndEveryConversationAsksWhetherOneWasUsed() {
        today("2026-04-06");
        ObjectNode body = referral("HEN-TOLK-J", "2026-04-06");
        ((ObjectNode) body.get("patient")).put("interpreterLanguage", "arabisk");
        ResponseEntity<String> created = post(COORDINATOR, "/api/referrals", body);
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        String pi = json(created).get("processInstanceId").asText();
        assertThat(json(get(COORDINATOR, "/api/pathways/HEN-TOLK-J")).path("interpreterLanguage").asText())
            .isEqualTo("arabisk");

        // the talk at referral, as Tasklist submits it: the answer, and why not
        Map<String, Object> talk = new HashMap<>(FormAnswers.complete("informPatientAtReferral"));
        talk.remove("interpreterUsed");
        talk.remove("interpreterNotUsedReason");
        ResponseEntity<String> unanswered = completeAs(COORDINATOR, pi, "informPatientAtReferral", talk);
        assertThat(unanswered.getStatusCode().value()).as(unanswered.getBody()).isEqualTo(400);
        assertThat(json(unanswered).path("message").asText()).contains("«Bruk av tolk» må fylles ut (ja eller nei)");
        talk.put("interpreterUsed", false);
        ResponseEntity<String> noReason = completeAs(COORDINATOR, pi, "informPatientAtReferral", talk);
        assertThat(noReason.getStatusCode().value()).isEqualTo(400);
        assertThat(json(noReason).path("message").asText())
            .contains("«Begrunnelse for at tolk ikke ble brukt» må fylles ut");
        talk.put("interpreterNotUsedReason", "Pasienten ønsket ikke tolk ved telefonsamtalen");
        assertThat(completeAs(COORDINATOR, pi, "informPatientAtReferral", talk).getStatusCode().value()).isEqualTo(204);

        // the first attendance, a milestone
        today("2026-04-08");
        Map<String, Object> attendance = new HashMap<>(
                Map.of("firstAttendanceDate", "2026-04-08", "firstAttendanceType", "OUTPATIENT"));
        ResponseEntity<String> refused = completeAs(COORDINATOR, pi, "registerFirstAttendance", attendance);
        assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(400);
        assertThat(json(refused).path("message").asText()).contains("Bruk av tolk må fylles ut (ja eller nei)");
        assertThat(openTasks(pi)).contains("registerFirstAttendance");
        attendance.put("firstAttendanceInterpreterUsed", true);
        assertThat(completeAs(COORDINATOR, pi, "registerFirstAttendance", attendance).getStatusCode().value())
            .isEqualTo(204);
        runJob(pi, "registerFirstAttendanceCode");
        assertThat(runtime.getVariable(pi, "firstAttendanceInterpreterUsed")).isEqualTo(true);

        // the physician, who books the conversations to come, sees the need too
        assertThat(json(get(PHYSICIAN, "/api/pathways/HEN-TOLK-J")).path("interpreterLanguage").asText())
            .isEqualTo("arabisk");
    }

    @Test
    void aPatientWhoNeedsNoInterpreterIsNeverAsked() {
        String pi = startPathway("HEN-TOLK-NONE", "2026-04-06");
        Map<String, Object> talk = new HashMap<>(FormAnswers.complete("informPatientAtReferral"));
        talk.remove("interpreterUsed");
        talk.remove("interpreterNotUsedReason");
        assertThat(completeAs(COORDINATOR, pi, "informPatientAtReferral", talk).getStatusCode().value()).isEqualTo(204);
        today("2026-04-08");
        assertThat(completeAs(COORDINATOR, pi, "registerFirstAttendance",
                Map.of("firstAttendanceDate", "2026-04-08", "firstAttendanceType", "OUTPATIENT"))
            .getStatusCode()
            .value()).isEqualTo(204);
    }

    // ------------------------------------------------------------------ start basis 3

    @Test
    void aSuspicionThatAroseInTheHospitalNeedsNoReferrerAndTheReferralTalkNoCopyForTheGp() {
        today("2026-04-06");
        ObjectNode body = referral("HEN-B3-J", "2026-04-06");
        body.put("startBasis", "SUSPICION_IN_SPECIALIST_CARE");
        body.remove("referrer");
        ResponseEntity<String> noDepartment = post(COORDINATOR, "/api/referrals", body);
        assertThat(noDepartment.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(noDepartment)).containsExactly("responsibleDepartment");

        body.put("responsibleDepartment", "Kirurgisk avdeling");
        ResponseEntity<String> created = post(COORDINATOR, "/api/referrals", body);
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        String pi = json(created).get("processInstanceId").asText();

        Map<String, Object> talk = new HashMap<>(FormAnswers.complete("informPatientAtReferral"));
        talk.remove("referralCopyToGp");
        talk.remove("gpInformedOfPathway");
        ResponseEntity<String> gpNotTold = completeAs(COORDINATOR, pi, "informPatientAtReferral", talk);
        assertThat(gpNotTold.getStatusCode().value()).isEqualTo(400);
        assertThat(json(gpNotTold).path("message").asText())
            .contains("«Fastlegen er informert om den begrunnede mistanken og at pasienten er i pakkeforløp»")
            .doesNotContain("kopi av henvisningen");
        talk.put("gpInformedOfPathway", true);
        assertThat(completeAs(COORDINATOR, pi, "informPatientAtReferral", talk).getStatusCode().value()).isEqualTo(204);
    }

    // ------------------------------------------------------------------ the needs talk
    // for every confirmed cancer

    @Test
    void activeSurveillanceAndNoTreatmentAreOfferedTheNeedsTalkToo() {
        for (String planned : List.of("ACTIVE_SURVEILLANCE", "NO_TREATMENT")) {
            String referralId = "HEN-TALK-" + planned;
            String pi = startPathway(referralId, "2026-04-06");
            firstAttendance(pi, "2026-04-08");
            cancerFound(pi, "2026-04-09", "2026-04-14");
            decision(pi, "2026-04-16", "CK", planned);
            assertThat(openTasks(pi)).as(planned)
                .contains("offerNeedsAssessment")
                .doesNotContain("informBeforeTreatment");
            assertThat(completeAs(COORDINATOR, pi, "offerNeedsAssessment", FormAnswers.complete("offerNeedsAssessment"))
                .getStatusCode()
                .value()).as(planned).isEqualTo(204);
            assertThat(runtime.getVariable(pi, "needsAssessmentOffered")).isEqualTo(true);
        }
    }

    // ------------------------------------------------------------------ group 4

    @Test
    void palliativeChemotherapyGetsThePalliativeTeamTheGpAndAFollowUpPlanWithoutAnEndOfTreatment() {
        String pi = startPathway("HEN-GROUP4", "2026-04-06");
        firstAttendance(pi, "2026-04-08");
        complete(pi, "registerEndoscopyResult", "2026-04-09",
                Map.of("endoscopyDate", "2026-04-09", "endoscopyResult", "OESOPHAGEAL_OR_GASTRIC_CANCER"));
        Map<String, Object> mdt = new HashMap<>(mdtRecord("2026-04-14"));
        mdt.putAll(Map.of("mStage", "M1", "ecog", 2, "medicallyOperable", false, "technicallyResectable", false,
                "treatmentGroup", "PALLIATIVE_CHEMOTHERAPY", "mdtRecommendation", "Palliativ kjemoterapi."));
        complete(pi, "mdtAssessment", "2026-04-14", mdt);
        decision(pi, "2026-04-16", "CK", "DRUG");
        today("2026-04-20");

        // the information for consent first, then a palliative stent or radiotherapy is
        // symptom relief, not FK or FS
        assertThat(completeAs(PHYSICIAN, pi, "registerTreatmentStart",
                Map.of("treatmentStartDate", "2026-04-20", "treatmentStarted", "DRUG"))
            .getBody()).contains("informasjon for samtykke");
        consentGiven(pi, "2026-04-20");
        ResponseEntity<String> stent = completeAs(PHYSICIAN, pi, "registerTreatmentStart",
                Map.of("treatmentStartDate", "2026-04-20", "treatmentStarted", "SURGERY"));
        assertThat(stent.getStatusCode().value()).isEqualTo(400);
        assertThat(stent.getBody()).contains("A32FL");
        assertThat(completeAs(PHYSICIAN, pi, "registerTreatmentStart",
                Map.of("treatmentStartDate", "2026-04-20", "treatmentStarted", "DRUG"))
            .getStatusCode()
            .value()).isEqualTo(204);
        runJob(pi, "registerTreatmentStartCode");

        assertThat(codes(json(get(PHYSICIAN, "/api/pathways/HEN-GROUP4")))).endsWith("A32FM 2026-04-20");
        assertThat(openTasks(pi))
            .contains("assessPalliativeCare", "informGpOfPalliativeTreatment", "palliativeFollowUpPlan")
            .doesNotContain("registerEndOfTreatment");
        assertThat(completeAs(PHYSICIAN, pi, "palliativeFollowUpPlan", FormAnswers.complete("palliativeFollowUpPlan"))
            .getStatusCode()
            .value()).isEqualTo(204);
        assertThat(completeAs(COORDINATOR, pi, "informGpOfPalliativeTreatment",
                FormAnswers.complete("informGpOfPalliativeTreatment"))
            .getStatusCode()
            .value()).isEqualTo(204);
    }

    // ------------------------------------------------------------------ a registration
    // that contradicts what came before needs the clinician's reason

    @Test
    void symptomReliefFirstInACurativeGroupIs400UntilThePlanChangeIsExplainedAndTheReasonIsShown() {
        String pi = startPathway("HEN-FL-CURATIVE", "2026-04-06");
        firstAttendance(pi, "2026-04-08");
        cancerFound(pi, "2026-04-09", "2026-04-14"); // group 2
        decision(pi, "2026-04-16", "CK", "DRUG");
        consentGiven(pi, "2026-04-20");

        ResponseEntity<String> stent = completeAs(PHYSICIAN, pi, "registerTreatmentStart",
                Map.of("treatmentStartDate", "2026-04-20", "treatmentStarted", "SYMPTOM_RELIEF"));
        assertThat(stent.getStatusCode().value()).as(stent.getBody()).isEqualTo(400);
        assertThat(errors(stent)).containsExactly("planChangeReason");
        assertThat(stent.getBody()).contains("A32FM").contains("Begrunnelse for endret plan til symptomlindring");
        JsonNode refused = json(get(PHYSICIAN, "/api/pathways/HEN-FL-CURATIVE"));
        assertThat(codes(refused)).containsExactly("A32A 2026-04-06", "A32S 2026-04-08", "A32CK 2026-04-16");
        assertThat(refused.get("reasons")).isEmpty();
        assertThat(openTasks(pi)).contains("registerTreatmentStart");

        String reason = "Pasienten ønsker ikke cellegift eller kirurgi etter samtalen; stent for svelgevansker.";
        assertThat(completeAs(PHYSICIAN, pi, "registerTreatmentStart", Map.of("treatmentStartDate", "2026-04-20",
                "treatmentStarted", "SYMPTOM_RELIEF", "planChangeReason", reason))
            .getStatusCode()
            .value()).isEqualTo(204);
        runJob(pi, "registerTreatmentStartCode");

        JsonNode status = json(get(PHYSICIAN, "/api/pathways/HEN-FL-CURATIVE"));
        assertThat(status.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(codes(status)).containsExactly("A32A 2026-04-06", "A32S 2026-04-08", "A32CK 2026-04-16",
                "A32FL 2026-04-20");
        assertThat(status.get("intervals").get(2).get("status").asText()).isEqualTo("NOT_APPLICABLE");
        assertThat(status.get("reasons")).hasSize(1);
        assertThat(status.get("reasons").get(0).get("field").asText()).isEqualTo("planChangeReason");
        assertThat(status.get("reasons").get(0).get("text").asText()).isEqualTo(reason);
    }

    @Test
    void noDiseaseAfterABiopsyThatShowedCancerIs400UntilThePhysicianSaysWhyAndTheReasonOutlivesThePathway() {
        String pi = startPathway("HEN-CI-AFTER-CANCER", "2026-04-06");
        firstAttendance(pi, "2026-04-08");
        cancerFound(pi, "2026-04-09", "2026-04-14");
        today("2026-04-16");

        ResponseEntity<String> noDisease = completeAs(PHYSICIAN, pi, "clinicalDecision",
                Map.of("decisionDate", "2026-04-16", "decisionCode", "CI"));
        assertThat(noDisease.getStatusCode().value()).as(noDisease.getBody()).isEqualTo(400);
        assertThat(errors(noDisease)).containsExactly("cancerRuledOutReason");
        assertThat(noDisease.getBody()).contains("Biopsien viste kreft i spiserør eller magesekk");
        assertThat(codes(json(get(PHYSICIAN, "/api/pathways/HEN-CI-AFTER-CANCER")))).containsExactly("A32A 2026-04-06",
                "A32S 2026-04-08");

        String reason = "Revurdert histologi ved referansepatolog: ikke kreft.";
        assertThat(completeAs(PHYSICIAN, pi, "clinicalDecision",
                Map.of("decisionDate", "2026-04-16", "decisionCode", "CI", "cancerRuledOutReason", reason))
            .getStatusCode()
            .value()).isEqualTo(204);
        runJob(pi, "registerDecisionCode");
        // the care after the decision done, the process instance ends: the reason is read
        // from the history
        for (int round = 0; round < 5 && !openTasks(pi).isEmpty(); round++) {
            for (String key : openTasks(pi)) {
                complete(pi, key, "2026-04-17", FormAnswers.complete(key));
            }
        }
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).count()).isZero();

        JsonNode status = json(get(COORDINATOR, "/api/pathways/HEN-CI-AFTER-CANCER"));
        assertThat(status.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(codes(status)).containsExactly("A32A 2026-04-06", "A32S 2026-04-08", "A32CI 2026-04-16");
        assertThat(status.get("reasons")).hasSize(1);
        assertThat(status.get("reasons").get(0).get("field").asText()).isEqualTo("cancerRuledOutReason");
        assertThat(status.get("reasons").get(0).get("text").asText()).isEqualTo(reason);
    }

    // ------------------------------------------------------------------ a biopsy that
    // did not answer

    @Test
    void aNonDiagnosticGastroscopyIsRepeatedWithoutACodeAndTheClockRunsOn() {
        String pi = startPathway("HEN-NONDIAG", "2026-04-06");
        firstAttendance(pi, "2026-04-08");
        today("2026-04-10");
        assertThat(completeAs(PHYSICIAN, pi, "registerEndoscopyResult",
                Map.of("endoscopyDate", "2026-04-10", "endoscopyResult", "NON_DIAGNOSTIC"))
            .getStatusCode()
            .value()).isEqualTo(204);

        JsonNode status = json(get(PHYSICIAN, "/api/pathways/HEN-NONDIAG"));
        assertThat(codes(status)).containsExactly("A32A 2026-04-06", "A32S 2026-04-08");
        assertThat(status.get("intervals").get(1).get("status").asText()).isEqualTo("PENDING");
        assertThat(openTasks(pi)).contains("registerEndoscopyResult");

        today("2026-04-15");
        ResponseEntity<String> sameDay = completeAs(PHYSICIAN, pi, "registerEndoscopyResult",
                Map.of("endoscopyDate", "2026-04-10", "endoscopyResult", "OESOPHAGEAL_OR_GASTRIC_CANCER"));
        assertThat(sameDay.getStatusCode().value()).isEqualTo(400);
        assertThat(sameDay.getBody()).contains("må være etter gastroskopien som ikke ga svar (10.04.2026)");
        assertThat(completeAs(PHYSICIAN, pi, "registerEndoscopyResult",
                Map.of("endoscopyDate", "2026-04-15", "endoscopyResult", "OESOPHAGEAL_OR_GASTRIC_CANCER"))
            .getStatusCode()
            .value()).isEqualTo(204);
        assertThat(openTasks(pi)).contains("mdtAssessment");
    }

}
