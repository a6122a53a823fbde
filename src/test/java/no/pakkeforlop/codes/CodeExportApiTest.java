package no.pakkeforlop.codes;

import static no.pakkeforlop.testsupport.TestData.nationalIdFor;
import static no.pakkeforlop.testsupport.TestData.COORDINATOR;
import static no.pakkeforlop.testsupport.TestData.REPORTER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.StreamSupport;
import no.pakkeforlop.api.ApiTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** GET /api/codes: every code registered in a date range, as JSON or CSV. */
class CodeExportApiTest extends ApiTestSupport {

    private static boolean created;

    /** Three codes in June 2025, a month no other test uses. */
    @BeforeEach
    void pathways() {
        if (created) {
            return;
        }
        String first = startPathway("HEN-CODES-1", "2025-06-02");
        today("2025-06-03");
        ObjectNode second = referral("HEN-CODES-2", "2025-06-03");
        ((ObjectNode) second.get("patient")).put("nationalId", "71129956709");
        second.put("hospital", "Sykehuset \"Innlandet\", Gjøvik");
        assertThat(post(COORDINATOR, "/api/referrals", second).getStatusCode().value()).isEqualTo(201);
        firstAttendance(first, "2025-06-30");
        startPathway("HEN-CODES-3", "2025-07-01");
        created = true;
    }

    @Test
    void theCodesOfTheRangeComeInDateOrderWithTheirPatient() {
        ResponseEntity<String> response = get(REPORTER, "/api/codes?from=2025-06-01&to=2025-06-30");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getHeaders().getContentType()).hasToString("application/json");
        List<String> rows = StreamSupport.stream(json(response).spliterator(), false)
            .map(CodeExportApiTest::line)
            .toList();
        assertThat(rows).containsExactly(
                "HEN-CODES-1 " + nationalIdFor("HEN-CODES-1") + " A32A 2025-06-02 Helse Bergen HF",
                "HEN-CODES-2 71129956709 A32A 2025-06-03 Sykehuset \"Innlandet\", Gjøvik",
                "HEN-CODES-1 " + nationalIdFor("HEN-CODES-1") + " A32S 2025-06-30 Helse Bergen HF");

        assertThat(StreamSupport
            .stream(json(get(COORDINATOR, "/api/codes?from=2025-06-03&to=2025-06-03")).spliterator(), false)
            .map(CodeExportApiTest::line))
            .containsExactly("HEN-CODES-2 71129956709 A32A 2025-06-03 Sykehuset \"Innlandet\", Gjøvik");
    }

    @Test
    void csvHasAHeaderAndQuotesWhatNeedsQuoting() {
        ResponseEntity<String> response = get(REPORTER, "/api/codes?from=2025-06-01&to=2025-06-30", "text/csv");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getHeaders().getContentType()).hasToString("text/csv;charset=UTF-8");
        assertThat(response.getBody()).isEqualTo("""
                referralId,nationalId,code,date,hospital,status,previousDate,pathway\r
                HEN-CODES-1,%1$s,A32A,2025-06-02,Helse Bergen HF,REGISTERED,,A32\r
                HEN-CODES-2,71129956709,A32A,2025-06-03,"Sykehuset ""Innlandet"", Gjøvik",REGISTERED,,A32\r
                HEN-CODES-1,%1$s,A32S,2025-06-30,Helse Bergen HF,REGISTERED,,A32\r
                """.formatted(nationalIdFor("HEN-CODES-1")));

        assertThat(get(REPORTER, "/api/codes?from=2025-05-01&to=2025-05-31", "text/csv").getBody())
            .isEqualTo("referralId,nationalId,code,date,hospital,status,previousDate,pathway\r\n");
        assertThat(get(REPORTER, "/api/codes?from=2025-06-01&to=2025-06-30", "application/json;q=0.5, text/csv")
            .getHeaders()
            .getContentType()).hasToString("text/csv;charset=UTF-8");
        assertThat(get(REPORTER, "/api/codes?from=2025-06-01&to=2025-06-30", "*/*").getHeaders().getContentType())
            .hasToString("application/json");
    }

    @Test
    void aMissingOrWrongRangeIs400() {
        assertThat(errors(get(REPORTER, "/api/codes"))).containsExactly("from", "to");
        ResponseEntity<String> wrong = get(REPORTER, "/api/codes?from=2025-13-01&to=2025-06-30");
        assertThat(wrong.getStatusCode().value()).isEqualTo(400);
        assertThat(json(wrong).get("errors").get(0).get("message").asText())
            .isEqualTo("Fra-dato må være en gyldig dato på formen ÅÅÅÅ-MM-DD, ikke «2025-13-01».");
        ResponseEntity<String> reversed = get(REPORTER, "/api/codes?from=2025-07-01&to=2025-06-30", "text/csv");
        assertThat(reversed.getStatusCode().value()).isEqualTo(400);
        assertThat(reversed.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(json(reversed).get("errors").get(0).get("message").asText())
            .isEqualTo("Fra-dato (01.07.2025) kan ikke være etter til-dato (30.06.2025).");
    }

    @Test
    void everyCodeNamesItsPathwayAndTheListNarrowsToOne() {
        List<JsonNode> all = StreamSupport
            .stream(json(get(REPORTER, "/api/codes?from=2025-06-01&to=2025-06-30")).spliterator(), false)
            .toList();
        assertThat(all).hasSize(3).allSatisfy(code -> assertThat(code.get("pathway").asText()).isEqualTo("A32"));
        assertThat(json(get(REPORTER, "/api/codes?from=2025-06-01&to=2025-06-30&pathway=A32")))
            .isEqualTo(json(get(REPORTER, "/api/codes?from=2025-06-01&to=2025-06-30")));

        ResponseEntity<String> unknown = get(REPORTER, "/api/codes?from=2025-06-01&to=2025-06-30&pathway=A99",
                "text/csv");
        assertThat(unknown.getStatusCode().value()).isEqualTo(400);
        assertThat(unknown.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(errors(unknown)).containsExactly("pathway");
        assertThat(json(unknown).get("errors").get(0).get("message").asText())
            .isEqualTo("Ukjent pakkeforløp «A99». Gyldige verdier: A12, A32.");
        assertThat(json(unknown).get("title").asText()).isEqualTo("Ugyldig forespørsel");
    }

    @Test
    void aFormatTheApiDoesNotOfferIs406() {
        ResponseEntity<String> response = get(REPORTER, "/api/codes?from=2025-06-01&to=2025-06-30", "application/xml");
        assertThat(response.getStatusCode().value()).isEqualTo(406);
    }

    private static String line(JsonNode code) {
        return String.join(" ", code.get("referralId").asText(), code.get("nationalId").asText(),
                code.get("code").asText(), code.get("date").asText(), code.get("hospital").asText());
    }

}
