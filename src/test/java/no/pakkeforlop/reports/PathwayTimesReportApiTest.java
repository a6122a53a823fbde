package no.pakkeforlop.reports;

import static no.pakkeforlop.testsupport.TestData.ADMIN;
import static no.pakkeforlop.testsupport.TestData.COORDINATOR;
import static no.pakkeforlop.testsupport.TestData.MANAGER;
import static no.pakkeforlop.testsupport.TestData.MDT;
import static no.pakkeforlop.testsupport.TestData.OUTSIDER;
import static no.pakkeforlop.testsupport.TestData.PHYSICIAN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import no.pakkeforlop.api.ApiTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * GET /api/reports/pathway-times over five pathways of January-February 2024 (a period no
 * other test uses), with every number worked out by hand below.
 *
 * <pre>
 * pathway  A32A   A32S  (days)  A32C       (days)  A32F        (days, A->F)
 * P1       01-02  01-09  7 ok   CK 01-30   21 ok   FK 02-13    14 ok, 42 ok
 * P2       01-03  01-12  9 no   CK 02-09   28 no   FK 02-19    10 ok, 47 no
 * P3       01-04  01-08  4 ok   CK 01-19   11 ok   FK 02-16    28 no, 43 ok (exactly the standard)
 * P4       01-05  01-15 10 no   CK 01-31   16 ok   FL 02-05    symptom relief: treatment intervals do not apply
 * P5       01-08  01-16  8 ok   CI 02-01   16 ok   (no cancer: the pathway ends)
 * </pre>
 */
@Tag("dates")
class PathwayTimesReportApiTest extends ApiTestSupport {

    private static boolean created;

    @BeforeEach
    void pathways() {
        if (created) {
            return;
        }
        treatedPathway("HEN-REPORT-P1", "2024-01-02", "2024-01-09", "2024-01-30", "2024-02-13");
        treatedPathway("HEN-REPORT-P2", "2024-01-03", "2024-01-12", "2024-02-09", "2024-02-19");
        treatedPathway("HEN-REPORT-P3", "2024-01-04", "2024-01-08", "2024-01-19", "2024-02-16");
        String p4 = startPathway("HEN-REPORT-P4", "2024-01-05");
        firstAttendance(p4, "2024-01-15");
        cancerFound(p4, "2024-01-16", "2024-01-29");
        decision(p4, "2024-01-31", "CK", "SYMPTOM_RELIEF",
                Map.of("planChangeReason", "Pasienten ønsker bare symptomlindring etter samtalen."));
        treatmentStart(p4, "2024-02-05");
        String p5 = startPathway("HEN-REPORT-P5", "2024-01-08");
        firstAttendance(p5, "2024-01-16");
        complete(p5, "registerEndoscopyResult", "2024-01-25",
                Map.of("endoscopyDate", "2024-01-25", "endoscopyResult", "NO_DISEASE"));
        decision(p5, "2024-02-01", "CI", null);
        created = true;
    }

    /** Each interval as "NAME standardDays completed withinStandard share median". */
    private static List<String> rows(JsonNode report) {
        return StreamSupport.stream(report.get("intervals").spliterator(), false)
            .map(i -> String.join(" ", i.get("interval").asText(), i.get("standardDays").asText(),
                    i.get("completed").asText(), i.get("withinStandard").asText(),
                    i.get("shareWithinStandard").asText(), i.get("medianDays").asText()))
            .toList();
    }

    @Test
    void sharesAndMediansOverTheWholePeriod() {
        ResponseEntity<String> response = get(MANAGER,
                "/api/reports/pathway-times?from=2024-01-01&to=2024-02-29&pathway=A32");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        JsonNode report = json(response);
        assertThat(report.get("target").asDouble()).isEqualTo(0.70);
        assertThat(report.get("from").asText()).isEqualTo("2024-01-01");
        assertThat(report.get("to").asText()).isEqualTo("2024-02-29");
        assertThat(rows(report)).containsExactly("REFERRAL_TO_FIRST_ATTENDANCE 8 5 3 0.6 8.0", // 4
                                                                                               // 7
                                                                                               // 8
                                                                                               // |
                                                                                               // 9
                                                                                               // 10
                "FIRST_ATTENDANCE_TO_DECISION 21 5 4 0.8 16.0", // 11 16 16 21 | 28
                "DECISION_TO_TREATMENT 14 3 2 0.6667 14.0", // 10 14 | 28
                "REFERRAL_TO_TREATMENT 43 3 2 0.6667 43.0"); // 42 43 | 47
    }

    @Test
    void onlyPathwaysWhoseIntervalEndedInTheRangeCount() {
        JsonNode report = json(get(ADMIN, "/api/reports/pathway-times?from=2024-02-01&to=2024-02-14&pathway=A32"));

        assertThat(rows(report)).containsExactly("REFERRAL_TO_FIRST_ATTENDANCE 8 0 0 null null",
                "FIRST_ATTENDANCE_TO_DECISION 21 2 1 0.5 22.0", // P5 16, P2 28: median of
                                                                // an even count
                "DECISION_TO_TREATMENT 14 1 1 1.0 14.0", // P1 (P4's symptom relief does
                                                         // not count)
                "REFERRAL_TO_TREATMENT 43 1 1 1.0 42.0");
    }

    @Test
    void aWrongRangeIs400AndOnlyManagementMayReadTheReport() {
        ResponseEntity<String> reversed = get(MANAGER, "/api/reports/pathway-times?from=2024-03-01&to=2024-02-01");
        assertThat(reversed.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(reversed)).containsExactly("from");
        ResponseEntity<String> missing = get(MANAGER, "/api/reports/pathway-times?from=2024-03-01");
        assertThat(missing.getStatusCode().value()).isEqualTo(400);
        assertThat(json(missing).get("errors").get(0).get("message").asText())
            .isEqualTo("Til-dato må fylles ut (ÅÅÅÅ-MM-DD).");
        for (String user : List.of(COORDINATOR, PHYSICIAN, MDT, OUTSIDER)) {
            assertThat(get(user, "/api/reports/pathway-times?from=2024-01-01&to=2024-02-29").getStatusCode().value())
                .as(user)
                .isEqualTo(403);
        }
    }

    @Test
    void monthByMonthEachMonthHasTheFiguresOfTheReportForThatMonth() {
        today("2024-02-20");
        JsonNode monthly = json(get(MANAGER, "/api/reports/pathway-times/monthly?months=2&pathway=A32"));
        assertThat(monthly.get("target").asDouble()).isEqualTo(0.70);
        assertThat(monthly.get("months")).hasSize(2);
        for (JsonNode month : monthly.get("months")) {
            JsonNode report = json(get(MANAGER, "/api/reports/pathway-times?from=" + month.get("from").asText() + "&to="
                    + month.get("to").asText() + "&pathway=A32"));
            assertThat(month.get("intervals")).as(month.get("month").asText()).isEqualTo(report.get("intervals"));
        }
        assertThat(monthly.at("/months/0/month").asText()).isEqualTo("2024-01");
        assertThat(rows(monthly.at("/months/1"))).containsExactly("REFERRAL_TO_FIRST_ATTENDANCE 8 0 0 null null",
                "FIRST_ATTENDANCE_TO_DECISION 21 2 1 0.5 22.0", "DECISION_TO_TREATMENT 14 3 2 0.6667 14.0",
                "REFERRAL_TO_TREATMENT 43 3 2 0.6667 43.0");
        // the twelve months up to this one by default
        assertThat(json(get(MANAGER, "/api/reports/pathway-times/monthly")).get("months")).hasSize(12);
        for (String bad : List.of("0", "37", "abc")) {
            ResponseEntity<String> response = get(MANAGER, "/api/reports/pathway-times/monthly?months=" + bad);
            assertThat(response.getStatusCode().value()).as(bad).isEqualTo(400);
            assertThat(errors(response)).containsExactly("months");
        }
        assertThat(get(COORDINATOR, "/api/reports/pathway-times/monthly").getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void oneHospitalCountsOnlyTheIntervalsItEnded() {
        assertThat(rows(json(get(MANAGER,
                "/api/reports/pathway-times?from=2024-01-01&to=2024-02-29&hospital=Helse Bergen HF&pathway=A32"))))
            .startsWith("REFERRAL_TO_FIRST_ATTENDANCE 8 5 3 0.6 8.0");
        assertThat(rows(json(get(MANAGER,
                "/api/reports/pathway-times?from=2024-01-01&to=2024-02-29&hospital=Helse Nord HF&pathway=A32"))))
            .allMatch(row -> row.contains(" 0 0 null null"));
        assertThat(json(get(MANAGER, "/api/reports/hospitals"))).extracting(JsonNode::asText)
            .contains("Helse Bergen HF");
    }

}
