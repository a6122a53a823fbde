package no.pakkeforlop.pathways;

import static no.pakkeforlop.testsupport.TestData.COORDINATOR;
import static no.pakkeforlop.testsupport.TestData.MDT;
import static no.pakkeforlop.testsupport.TestData.PHYSICIAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import no.pakkeforlop.api.ApiTestSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** GET /api/pathways/{referralId}, and transfers and terminations through the API. */
@Tag("dates")
class PathwayApiTest extends ApiTestSupport {

    /** An interval of the answer as "NAME start due end days STATUS". */
    private static List<String> intervals(JsonNode pathway) {
        return pathway.get("intervals")
            .findParents("interval")
            .stream()
            .map(i -> String.join(" ", i.get("interval").asText(), i.get("standardDays").asText(),
                    i.get("start").asText(), i.get("due").asText(), i.get("end").asText(), i.get("days").asText(),
                    i.get("status").asText()))
            .toList();
    }

    @Test
    void aTreatedPathwayShowsItsCodesInOrderAndAllFourIntervals() {
        String pi = treatedPathway("HEN-STATUS-1", "2026-01-05", "2026-01-12", "2026-02-06", "2026-02-16");
        today("2026-02-20");

        ResponseEntity<String> response = get(PHYSICIAN, "/api/pathways/HEN-STATUS-1");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        JsonNode pathway = json(response);
        assertThat(pathway.get("referralId").asText()).isEqualTo("HEN-STATUS-1");
        assertThat(pathway.get("processInstanceId").asText()).isEqualTo(pi);
        assertThat(pathway.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(codes(pathway)).containsExactly("A32A 2026-01-05", "A32S 2026-01-12", "A32CK 2026-02-06",
                "A32FK 2026-02-16");
        assertThat(intervals(pathway)).containsExactly(
                "REFERRAL_TO_FIRST_ATTENDANCE 8 2026-01-05 2026-01-13 2026-01-12 7 MET",
                "FIRST_ATTENDANCE_TO_DECISION 21 2026-01-12 2026-02-02 2026-02-06 25 BREACHED",
                "DECISION_TO_TREATMENT 14 2026-02-06 2026-02-20 2026-02-16 10 MET",
                "REFERRAL_TO_TREATMENT 43 2026-01-05 2026-02-17 2026-02-16 42 MET");
    }

    @Test
    void aRunningPathwayIsPendingUntilItsLastDayAndBreachedAfter() {
        startPathway("HEN-STATUS-2", "2026-03-02");
        today("2026-03-10");
        // the coordinator follows every pathway; an MDT member only those with MDT work
        // (security.NeedToKnowAuthorizations)
        assertThat(get(MDT, "/api/pathways/HEN-STATUS-2").getStatusCode().value()).isEqualTo(404);
        JsonNode onTheLastDay = json(get(COORDINATOR, "/api/pathways/HEN-STATUS-2"));
        assertThat(onTheLastDay.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(intervals(onTheLastDay)).containsExactly(
                "REFERRAL_TO_FIRST_ATTENDANCE 8 2026-03-02 2026-03-10 null null PENDING",
                "FIRST_ATTENDANCE_TO_DECISION 21 null null null null PENDING",
                "DECISION_TO_TREATMENT 14 null null null null PENDING",
                "REFERRAL_TO_TREATMENT 43 2026-03-02 2026-04-14 null null PENDING");

        today("2026-03-11");
        assertThat(intervals(json(get(COORDINATOR, "/api/pathways/HEN-STATUS-2"))).get(0))
            .isEqualTo("REFERRAL_TO_FIRST_ATTENDANCE 8 2026-03-02 2026-03-10 null null BREACHED");
    }

    @Test
    void symptomReliefMakesTheTreatmentIntervalsNotApplicable() {
        String pi = startPathway("HEN-STATUS-3", "2026-01-05");
        firstAttendance(pi, "2026-01-08");
        cancerFound(pi, "2026-01-08", "2026-01-20");
        // group 2 (cancerFound): symptom relief only is a change of the MDT's plan, with
        // its reason
        decision(pi, "2026-01-22", "CK", "SYMPTOM_RELIEF",
                Map.of("planChangeReason", "Pasienten ønsker bare symptomlindring etter samtalen."));
        treatmentStart(pi, "2026-03-30");
        today("2026-04-01");

        JsonNode pathway = json(get(COORDINATOR, "/api/pathways/HEN-STATUS-3"));

        assertThat(pathway.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(codes(pathway)).containsExactly("A32A 2026-01-05", "A32S 2026-01-08", "A32CK 2026-01-22",
                "A32FL 2026-03-30");
        assertThat(intervals(pathway)).containsExactly(
                "REFERRAL_TO_FIRST_ATTENDANCE 8 2026-01-05 2026-01-13 2026-01-08 3 MET",
                "FIRST_ATTENDANCE_TO_DECISION 21 2026-01-08 2026-01-29 2026-01-22 14 MET",
                "DECISION_TO_TREATMENT 14 2026-01-22 2026-02-05 null null NOT_APPLICABLE",
                "REFERRAL_TO_TREATMENT 43 2026-01-05 2026-02-17 null null NOT_APPLICABLE");
    }

    @Test
    void anUnknownReferralIs404() {
        ResponseEntity<String> response = get(COORDINATOR, "/api/pathways/HEN-DOES-NOT-EXIST");
        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(json(response).get("title").asText()).isEqualTo("Finnes ikke");
        assertThat(json(response).get("detail").asText())
            .isEqualTo("Det finnes ikke noe pakkeforløp for henvisning «HEN-DOES-NOT-EXIST» som du har tilgang til.");
        assertThat(json(response).get("errors")).isEmpty();

        today("2026-03-04");
        for (String action : List.of("transfers", "termination")) {
            ResponseEntity<String> post = post(COORDINATOR, "/api/pathways/HEN-DOES-NOT-EXIST/" + action,
                    Map.of("date", "2026-03-04", "toHospital", "Helse Nord HF"));
            assertThat(post.getStatusCode().value()).as(action).isEqualTo(action.equals("transfers") ? 404 : 400);
        }
    }

    @Test
    void aTransferRegistersA32oAtOnceAndCanBeRepeated() {
        String pi = startPathway("HEN-TRANSFER-1", "2026-03-02");
        firstAttendance(pi, "2026-03-05");
        today("2026-03-12");

        ResponseEntity<String> response = post(COORDINATOR, "/api/pathways/HEN-TRANSFER-1/transfers",
                Map.of("date", "2026-03-12", "toHospital", "Oslo universitetssykehus HF"));

        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        JsonNode pathway = json(response);
        assertThat(pathway.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(codes(pathway)).containsExactly("A32A 2026-03-02", "A32S 2026-03-05", "A32O 2026-03-12");
        assertThat(row(
                "select hospital, registered_by from pathway_code where process_instance_id = ? and code = 'A32O'", pi))
            .containsEntry("hospital", "Helse Bergen HF")
            .containsEntry("registered_by", COORDINATOR);
        assertThat(runtime.getVariable(pi, "hospital")).isEqualTo("Oslo universitetssykehus HF");
        assertThat(openTasks(pi)).contains("pathwayAdministration");

        today("2026-03-20");
        assertThat(post(COORDINATOR, "/api/pathways/HEN-TRANSFER-1/transfers",
                Map.of("date", "2026-03-20", "toHospital", "Helse Bergen HF"))
            .getStatusCode()
            .value()).isEqualTo(200);
        assertThat(jdbc.queryForList(
                "select hospital from pathway_code where process_instance_id = ? and code = 'A32O' order by id",
                String.class, pi))
            .containsExactly("Helse Bergen HF", "Oslo universitetssykehus HF");
    }

    @Test
    void anInvalidTransferIsRefusedWith400AndChangesNothing() {
        String pi = startPathway("HEN-TRANSFER-2", "2026-03-02");
        firstAttendance(pi, "2026-03-05");
        today("2026-03-06");
        String path = "/api/pathways/HEN-TRANSFER-2/transfers";

        assertRefused(post(COORDINATOR, path, Map.of("date", "2026-03-07", "toHospital", "Helse Nord HF")),
                "date: Dato for overføring (07.03.2026) kan ikke være fram i tid.");
        assertRefused(post(COORDINATOR, path, Map.of("date", "2026-03-01", "toHospital", "Helse Nord HF")),
                "date: Dato for overføring (01.03.2026) kan ikke være før mottaksdatoen for henvisningen (02.03.2026).");
        assertRefused(post(COORDINATOR, path, Map.of("date", "2026-03-04", "toHospital", "helse bergen hf")),
                "toHospital: Forløpet er allerede ved Helse Bergen HF. A32O (overføring) registreres bare når ansvaret "
                        + "for forløpet går til et annet helseforetak.");
        assertRefused(post(COORDINATOR, path, Map.of("date", "2026-03-06")),
                "toHospital: Sykehuset (helseforetaket) som overtar ansvaret for forløpet må fylles ut.");
        assertRefused(post(COORDINATOR, path, Map.of("toHospital", "Helse Nord HF")),
                "date: Dato for overføring må fylles ut.");
        assertRefused(post(COORDINATOR, path, Map.of("date", "6.3.2026", "toHospital", "Helse Nord HF")),
                "date: Dato for overføring må være en gyldig dato på formen ÅÅÅÅ-MM-DD, ikke «6.3.2026».");
        assertRefused(
                post(COORDINATOR, path, Map.of("date", "2026-03-06", "toHospital", "Helse Nord HF", "reason", "x")),
                "reason: Ukjent felt «reason».");

        assertThat(codes(json(get(COORDINATOR, "/api/pathways/HEN-TRANSFER-2")))).containsExactly("A32A 2026-03-02",
                "A32S 2026-03-05");
        assertThat(runtime.getVariable(pi, "transferDate")).isNull();
        assertThat(runtime.getVariable(pi, "hospital")).isEqualTo("Helse Bergen HF");
        assertThat(openTasks(pi)).contains("pathwayAdministration");
        assertThat(management.createJobQuery().processInstanceId(pi).activityId("registerTransfer").count()).isZero();
    }

    @Test
    void aTerminationRegistersA32xAndEndsThePathwaysTasksAndTimersButNotTheCare() {
        String pi = startPathway("HEN-TERMINATE-1", "2026-03-02");
        firstAttendance(pi, "2026-03-05");
        today("2026-03-20");
        assertRefused(
                post(COORDINATOR, "/api/pathways/HEN-TERMINATE-1/termination",
                        Map.of("date", "2026-03-20", "reason", "MOVED")),
                "reason: Årsak til avslutning har ukjent verdi «MOVED». "
                        + "Gyldige verdier: DEATH, PATIENT_DECLINES, TREATMENT_ABROAD_OR_PRIVATE.");

        ResponseEntity<String> response = post(COORDINATOR, "/api/pathways/HEN-TERMINATE-1/termination",
                Map.of("date", "2026-03-20", "reason", "PATIENT_DECLINES"));

        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        JsonNode pathway = json(response);
        assertThat(pathway.get("state").asText()).isEqualTo("TERMINATED");
        assertThat(codes(pathway)).containsExactly("A32A 2026-03-02", "A32S 2026-03-05", "A32X 2026-03-20");
        assertThat(intervals(pathway)).containsExactly(
                "REFERRAL_TO_FIRST_ATTENDANCE 8 2026-03-02 2026-03-10 2026-03-05 3 MET",
                "FIRST_ATTENDANCE_TO_DECISION 21 2026-03-05 2026-03-26 null null NOT_APPLICABLE",
                "DECISION_TO_TREATMENT 14 null null null null NOT_APPLICABLE",
                "REFERRAL_TO_TREATMENT 43 2026-03-02 2026-04-14 null null NOT_APPLICABLE");
        // the pathway's tasks and timers are gone; the care after it is not (no cancer
        // confirmed yet: the GP is told)
        assertThat(openTasks(pi)).containsExactly("informGpOfTermination");
        assertThat(management.createJobQuery().processInstanceId(pi).count()).isZero();

        for (String action : List.of("transfers", "termination")) {
            ResponseEntity<String> afterwards = post(COORDINATOR, "/api/pathways/HEN-TERMINATE-1/" + action,
                    Map.of("date", "2026-03-20", action.equals("transfers") ? "toHospital" : "reason",
                            action.equals("transfers") ? "Helse Nord HF" : "DEATH"));
            assertThat(afterwards.getStatusCode().value()).as(action).isEqualTo(409);
            assertThat(json(afterwards).get("detail").asText())
                .isEqualTo("Pakkeforløpet for henvisning «HEN-TERMINATE-1» "
                        + "er avsluttet (TERMINATED); ingenting kan registreres etter det.");
        }
        assertThat(count("select count(*) from pathway_code where process_instance_id = ?", pi)).isEqualTo(3);
    }

    @Test
    void aTreatedPathwayCannotBeTransferredAnyMore() {
        treatedPathway("HEN-TERMINATE-2", "2026-01-05", "2026-01-12", "2026-01-26", "2026-02-02");
        today("2026-02-03");
        ResponseEntity<String> response = post(COORDINATOR, "/api/pathways/HEN-TERMINATE-2/transfers",
                Map.of("date", "2026-02-03", "toHospital", "Helse Nord HF"));
        assertThat(response.getStatusCode().value()).isEqualTo(409);
        assertThat(json(response).get("detail").asText()).contains("er avsluttet (COMPLETED)");
    }

    @Test
    void whenTheRegistrationFailsAtOnceTheAnswerIs202AndTheJobRegistersItLater() {
        String pi = startPathway("HEN-TERMINATE-3", "2026-03-02");
        today("2026-03-04");
        doThrow(new IllegalStateException("Databasen svarer ikke")).doCallRealMethod()
            .when(codeRegistry)
            .register(argThat(code -> code != null && code.code().equals("A32X")));

        ResponseEntity<String> response = post(COORDINATOR, "/api/pathways/HEN-TERMINATE-3/termination",
                Map.of("date", "2026-03-04", "reason", "DEATH"));

        assertThat(response.getStatusCode().value()).isEqualTo(202);
        assertThat(response.getBody()).doesNotContain("Databasen svarer ikke");
        assertThat(json(response).get("state").asText()).isEqualTo("ACTIVE");
        assertThat(codes(json(response))).containsExactly("A32A 2026-03-02");
        assertThat(management.createJobQuery()
            .processInstanceId(pi)
            .activityId("registerTermination")
            .singleResult()
            .getRetries()).isEqualTo(4);
        ResponseEntity<String> meanwhile = post(COORDINATOR, "/api/pathways/HEN-TERMINATE-3/termination",
                Map.of("date", "2026-03-04", "reason", "DEATH"));
        assertThat(meanwhile.getStatusCode().value()).isEqualTo(409);
        assertThat(json(meanwhile).get("detail").asText()).contains("ikke er ferdig registrert ennå");

        runJob(pi, "registerTermination"); // what the job executor does on its next try

        JsonNode pathway = json(get(COORDINATOR, "/api/pathways/HEN-TERMINATE-3"));
        assertThat(pathway.get("state").asText()).isEqualTo("TERMINATED");
        assertThat(codes(pathway)).containsExactly("A32A 2026-03-02", "A32X 2026-03-04");
    }

    @Test
    void whenTheJobExecutorRegisteredTheCodeAMomentEarlierTheAnswerIs200() {
        String pi = startPathway("HEN-TRANSFER-3", "2026-03-02");
        firstAttendance(pi, "2026-03-05");
        today("2026-03-06");
        // the job executor takes the registration job just before the API looks for it
        doAnswer(call -> {
            jobExecutorRuns(pi, "registerTransfer");
            return call.callRealMethod();
        }).doCallRealMethod().when(management).createJobQuery();

        ResponseEntity<String> response = post(COORDINATOR, "/api/pathways/HEN-TRANSFER-3/transfers",
                Map.of("date", "2026-03-06", "toHospital", "Oslo universitetssykehus HF"));

        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        assertThat(codes(json(response))).containsExactly("A32A 2026-03-02", "A32S 2026-03-05", "A32O 2026-03-06");

        doAnswer(call -> {
            jobExecutorRuns(pi, "registerTermination");
            return call.callRealMethod();
        }).doCallRealMethod().when(management).createJobQuery();
        ResponseEntity<String> terminated = post(COORDINATOR, "/api/pathways/HEN-TRANSFER-3/termination",
                Map.of("date", "2026-03-06", "reason", "TREATMENT_ABROAD_OR_PRIVATE"));
        assertThat(terminated.getStatusCode().value()).as(terminated.getBody()).isEqualTo(200);
        assertThat(json(terminated).get("state").asText()).isEqualTo("TERMINATED");
    }

    /**
     * The job of the activity, run as the job executor runs it: on a thread of its own,
     * with no user signed in.
     */
    private void jobExecutorRuns(String processInstanceId, String activityId) {
        CompletableFuture
            .runAsync(() -> management.createJobQuery()
                .processInstanceId(processInstanceId)
                .activityId(activityId)
                .list()
                .forEach(job -> management.executeJob(job.getId())))
            .join();
    }

    private static void assertRefused(ResponseEntity<String> response, String error) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(json(response).get("errors"))
            .extracting(e -> e.get("field").asText() + ": " + e.get("message").asText())
            .containsExactly(error);
    }

}
