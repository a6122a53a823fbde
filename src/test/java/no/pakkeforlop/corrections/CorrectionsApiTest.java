package no.pakkeforlop.corrections;

import static no.pakkeforlop.testsupport.TestData.COORDINATOR;
import static no.pakkeforlop.testsupport.TestData.MANAGER;
import static no.pakkeforlop.testsupport.TestData.MDT;
import static no.pakkeforlop.testsupport.TestData.PHYSICIAN;
import static no.pakkeforlop.testsupport.TestData.REPORTER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import no.pakkeforlop.api.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * {@code POST /api/pathways/{referralId}/corrections}: a date corrected, a final code
 * withdrawn, the refusals (nothing changed), and who may correct.
 */
class CorrectionsApiTest extends ApiTestSupport {

    private ResponseEntity<String> correct(String user, String referralId, Map<String, Object> body) {
        return post(user, "/api/pathways/" + referralId + "/corrections", body);
    }

    private long corrections(String referralId) {
        return count("select count(*) from pathway_code_correction where referral_id = ?", referralId);
    }

    @Test
    void aCorrectedDateIsShownWithItsReasonAndTheExportMarksIt() {
        String pi = startPathway("HEN-CORR-1", "2026-05-04");
        firstAttendance(pi, "2026-05-11");
        today("2026-05-12");

        ResponseEntity<String> answer = correct(COORDINATOR, "HEN-CORR-1",
                Map.of("code", "A32S", "date", "2026-05-08", "reason", "Feil dato tastet; pasienten møtte 8. mai."));

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        JsonNode pathway = json(answer);
        assertThat(codes(pathway)).containsExactly("A32A 2026-05-04", "A32S 2026-05-08");
        JsonNode correction = pathway.get("corrections").get(0);
        assertThat(correction.get("code").asText()).isEqualTo("A32S");
        assertThat(correction.get("oldDate").asText()).isEqualTo("2026-05-11");
        assertThat(correction.get("newDate").asText()).isEqualTo("2026-05-08");
        assertThat(correction.get("withdrawn").asBoolean()).isFalse();
        assertThat(correction.get("reason").asText()).isEqualTo("Feil dato tastet; pasienten møtte 8. mai.");
        assertThat(correction.get("userId").asText()).isEqualTo(COORDINATOR);
        assertThat(pathway.get("intervals").get(0).get("end").asText()).isEqualTo("2026-05-08");
        assertThat(pathway.get("intervals").get(0).get("days").asInt()).isEqualTo(4);
        assertThat(json(get(COORDINATOR, "/api/pathways/HEN-CORR-1")).get("corrections")).hasSize(1);

        String csv = get(REPORTER, "/api/codes?from=2026-05-01&to=2026-05-31", "text/csv").getBody();
        assertThat(csv).contains("HEN-CORR-1,")
            .contains(",A32S,2026-05-08,Helse Bergen HF,CORRECTED,2026-05-11,A32\r\n");
        assertThat(row("select registered_by, corrected_by from pathway_code_correction where referral_id = ?",
                "HEN-CORR-1"))
            .containsEntry("corrected_by", COORDINATOR);
    }

    @Test
    void withdrawingAFinalCodePutsThePathwayBackAndTheExportMarksTheCodeWithdrawn() {
        String pi = startPathway("HEN-CORR-2", "2026-05-04");
        firstAttendance(pi, "2026-05-06");
        complete(pi, "registerEndoscopyResult", "2026-05-07",
                Map.of("endoscopyDate", "2026-05-07", "endoscopyResult", "NO_DISEASE"));
        decision(pi, "2026-05-08", "CI", null);
        assertThat(json(get(COORDINATOR, "/api/pathways/HEN-CORR-2")).get("state").asText()).isEqualTo("COMPLETED");

        ResponseEntity<String> answer = correct(COORDINATOR, "HEN-CORR-2",
                Map.of("code", "A32CI", "withdrawn", true, "reason", "Registrert på feil pasient."));

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        JsonNode pathway = json(answer);
        assertThat(pathway.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(codes(pathway)).containsExactly("A32A 2026-05-04", "A32S 2026-05-06");
        assertThat(pathway.get("corrections").get(0).get("withdrawn").asBoolean()).isTrue();
        assertThat(pathway.get("corrections").get(0).get("newDate").isNull()).isTrue();
        assertThat(openTasks(pi)).contains("clinicalDecision", "pathwayAdministration")
            .doesNotContain("informPatientOfResult");
        JsonNode export = json(get(REPORTER, "/api/codes?from=2026-05-08&to=2026-05-08"));
        assertThat(export.findParents("referralId")
            .stream()
            .filter(code -> code.get("referralId").asText().equals("HEN-CORR-2"))).singleElement().satisfies(code -> {
                assertThat(code.get("code").asText()).isEqualTo("A32CI");
                assertThat(code.get("status").asText()).isEqualTo("WITHDRAWN");
            });
    }

    @Test
    void refusalsNameTheFieldAndChangeNothing() {
        String pi = startPathway("HEN-CORR-3", "2026-05-04");
        firstAttendance(pi, "2026-05-06");
        today("2026-05-07");

        ResponseEntity<String> noReason = correct(COORDINATOR, "HEN-CORR-3",
                Map.of("code", "A32S", "date", "2026-05-05"));
        assertThat(noReason.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(noReason)).containsExactly("reason");
        assertThat(json(noReason).get("errors").get(0).get("message").asText()).contains("Begrunnelsen");

        ResponseEntity<String> beforeReferral = correct(COORDINATOR, "HEN-CORR-3",
                Map.of("code", "A32S", "date", "2026-05-03", "reason", "Feil dato."));
        assertThat(beforeReferral.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(beforeReferral)).containsExactly("date");
        assertThat(json(beforeReferral).get("errors").get(0).get("message").asText())
            .contains("kan ikke være før mottaksdatoen");

        ResponseEntity<String> future = correct(COORDINATOR, "HEN-CORR-3",
                Map.of("code", "A32S", "date", "2026-05-09", "reason", "Feil dato."));
        assertThat(errors(future)).containsExactly("date");

        ResponseEntity<String> unknown = correct(COORDINATOR, "HEN-CORR-3",
                Map.of("code", "A32CK", "withdrawn", true, "reason", "Feil."));
        assertThat(unknown.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(unknown)).containsExactly("code");

        ResponseEntity<String> start = correct(COORDINATOR, "HEN-CORR-3",
                Map.of("code", "A32A", "withdrawn", true, "reason", "Feil."));
        assertThat(start.getStatusCode().value()).isEqualTo(400);

        ResponseEntity<String> malformed = post(COORDINATOR, "/api/pathways/HEN-CORR-3/corrections", "{\"code\": ");
        assertThat(malformed.getStatusCode().value()).isEqualTo(400);

        assertThat(codes(json(get(COORDINATOR, "/api/pathways/HEN-CORR-3")))).containsExactly("A32A 2026-05-04",
                "A32S 2026-05-06");
        assertThat(corrections("HEN-CORR-3")).isZero();
    }

    @Test
    void aCodeWithLaterCodesIs409() {
        String pi = startPathway("HEN-CORR-4", "2026-05-04");
        firstAttendance(pi, "2026-05-06");
        complete(pi, "registerEndoscopyResult", "2026-05-07",
                Map.of("endoscopyDate", "2026-05-07", "endoscopyResult", "OTHER_DISEASE"));
        decision(pi, "2026-05-08", "CA", null);

        ResponseEntity<String> answer = correct(COORDINATOR, "HEN-CORR-4",
                Map.of("code", "A32S", "withdrawn", true, "reason", "Feil."));

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(409);
        assertThat(json(answer).get("detail").asText()).contains("A32CA");
        assertThat(corrections("HEN-CORR-4")).isZero();
    }

    @Test
    void onlyCoordinatorsCorrectAndAnUnknownPathwayIs404() {
        String pi = startPathway("HEN-CORR-5", "2026-05-04");
        firstAttendance(pi, "2026-05-06");
        Map<String, Object> body = Map.of("code", "A32S", "date", "2026-05-05", "reason", "Feil dato.");

        for (String user : new String[] { PHYSICIAN, MDT, MANAGER, REPORTER }) {
            assertThat(correct(user, "HEN-CORR-5", body).getStatusCode().value()).as(user).isEqualTo(403);
        }
        assertThat(correct(COORDINATOR, "HEN-CORR-UNKNOWN", body).getStatusCode().value()).isEqualTo(404);
        assertThat(corrections("HEN-CORR-5")).isZero();
    }

}
