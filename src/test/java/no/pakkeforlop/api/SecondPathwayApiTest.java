package no.pakkeforlop.api;

import static no.pakkeforlop.testsupport.TestData.ADMIN;
import static no.pakkeforlop.testsupport.TestData.COORDINATOR;
import static no.pakkeforlop.testsupport.TestData.MANAGER;
import static no.pakkeforlop.testsupport.TestData.PASSWORD;
import static no.pakkeforlop.testsupport.TestData.REPORTER;
import static no.pakkeforlop.testsupport.TestData.nationalIdFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.StreamSupport;
import no.pakkeforlop.cockpit.CockpitSession;
import no.pakkeforlop.rules.PathwayCatalog;
import no.pakkeforlop.rules.PathwayRules;
import no.pakkeforlop.security.StaffGroups;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * Two pathways on one engine, without a second real one: the catalog holds A32 as built
 * and a test-only second pathway, A12 (a rules table with the colorectal pathway's code
 * prefix and standard times, and a small model: intake, A12A, first attendance; both in
 * {@code src/test/resources/second-pathway/}, deployed here as one deployment). A
 * referral names its pathway and starts that pathway's process; one active pathway per
 * patient per pathway; the status, the code export, the report, the at-risk list, the
 * Cockpit plugin, the metrics and the engine's grants name and narrow to each pathway,
 * each judged by its own rules. A Spring context of its own (the catalog is replaced).
 */
class SecondPathwayApiTest extends ApiTestSupport {

    static final String TABLE = "second-pathway/test-tykk-endetarm.rules.json";

    static final String MODEL = "second-pathway/test-tykk-endetarm.bpmn";

    static final String KEY = "test-pakkeforlop-tykk-endetarm";

    static final String PLUGIN = "/camunda/api/cockpit/plugin/pakkeforlop/default/";

    static final String BERGEN = "Helse Bergen HF";

    @TestBean(name = "pathwayCatalog", methodName = "twoPathways")
    PathwayCatalog catalog;

    static PathwayCatalog twoPathways() {
        return new PathwayCatalog(List.of(PathwayRules.load(), PathwayRules.load(TABLE)));
    }

    @Autowired
    AuthorizationService authorizations;

    @LocalServerPort
    int port;

    @BeforeEach
    void secondPathwayDeployed() {
        if (repository.createProcessDefinitionQuery().processDefinitionKey(KEY).count() == 0) {
            repository.createDeployment()
                .name("test-tykk-endetarm")
                .source("test")
                .addClasspathResource(MODEL)
                .addClasspathResource(TABLE)
                .deploy();
        }
    }

    private ObjectNode referralTo(String pathway, String referralId, String patientOf, String receivedDate) {
        ObjectNode body = referral(referralId, receivedDate);
        ((ObjectNode) body.get("patient")).put("nationalId", nationalIdFor(patientOf));
        if (pathway != null) {
            body.put("pathway", pathway);
        }
        return body;
    }

    private ResponseEntity<String> refer(ObjectNode body) {
        today(body.get("receivedDate").asText());
        return post(COORDINATOR, "/api/referrals", body);
    }

    private void code(String pi, String pathway, String key, String code, String date, String hospital) {
        jdbc.update(
                "insert into pathway_code (referral_id, process_instance_id, registration_key, code, code_date,"
                        + " hospital, registered_at, registered_by, pathway) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                "DONE-" + pi, pi, key, code, LocalDate.parse(date), hospital, OffsetDateTime.now(), "test", pathway);
    }

    private static List<JsonNode> list(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return StreamSupport.stream(json(response).spliterator(), false).toList();
    }

    private static void refusedPathway(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(errors(response)).containsExactly("pathway");
        assertThat(json(response).get("errors").get(0).get("message").asText())
            .isEqualTo("Ukjent pakkeforløp «X99». Gyldige verdier: A12, A32.");
    }

    @Test
    void aReferralStartsThePathwayItNamesAndAPatientMayBeInBothAtOnce() {
        ResponseEntity<String> a32 = refer(referralTo(null, "HEN-TWO-A32", "HEN-TWO", "2026-03-02"));
        assertThat(a32.getStatusCode().value()).as(a32.getBody()).isEqualTo(201);
        ObjectNode a12Body = referralTo("A12", "HEN-TWO-A12", "HEN-TWO", "2026-03-03");
        ResponseEntity<String> a12 = refer(a12Body);
        assertThat(a12.getStatusCode().value()).as(a12.getBody()).isEqualTo(201);
        String a12Instance = json(a12).get("processInstanceId").asText();

        String definition = runtime.createProcessInstanceQuery()
            .processInstanceId(a12Instance)
            .singleResult()
            .getProcessDefinitionId();
        assertThat(repository.getProcessDefinition(definition).getKey()).isEqualTo(KEY);
        assertThat(row("select pathway, national_id from referral where referral_id = 'HEN-TWO-A12'"))
            .containsEntry("pathway", "A12")
            .containsEntry("national_id", nationalIdFor("HEN-TWO"));
        assertThat(jdbc.queryForList(
                "select code || ' ' || pathway from pathway_code where referral_id like 'HEN-TWO-%'" + " order by id",
                String.class))
            .containsExactly("A32A A32", "A12A A12");

        // the same referral again is safe; its id with other content (another pathway) is
        // not
        ResponseEntity<String> again = refer(a12Body);
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(json(again).get("processInstanceId").asText()).isEqualTo(a12Instance);
        ResponseEntity<String> otherPathway = refer(referralTo("A32", "HEN-TWO-A12", "HEN-TWO", "2026-03-03"));
        assertThat(otherPathway.getStatusCode().value()).as(otherPathway.getBody()).isEqualTo(409);

        // a second referral of each pathway attaches to the running one of that pathway
        ResponseEntity<String> secondA12 = refer(referralTo("A12", "HEN-TWO-A12-B", "HEN-TWO", "2026-03-04"));
        assertThat(secondA12.getStatusCode().value()).as(secondA12.getBody()).isEqualTo(409);
        assertThat(json(secondA12).get("activeReferralId").asText()).isEqualTo("HEN-TWO-A12");
        assertThat(errors(secondA12)).containsExactly("patient.nationalId");
        assertThat(json(secondA12).toString()).contains("ingen ny A12A");
        ResponseEntity<String> secondA32 = refer(referralTo(null, "HEN-TWO-A32-B", "HEN-TWO", "2026-03-04"));
        assertThat(secondA32.getStatusCode().value()).as(secondA32.getBody()).isEqualTo(409);
        assertThat(json(secondA32).get("activeReferralId").asText()).isEqualTo("HEN-TWO-A32");
        assertThat(jdbc.queryForList("select referral_id || ' ' || active_referral_id || ' ' || pathway"
                + " from additional_referral where referral_id like 'HEN-TWO-%' order by id", String.class))
            .containsExactly("HEN-TWO-A12-B HEN-TWO-A12 A12", "HEN-TWO-A32-B HEN-TWO-A32 A32");
        assertThat(count("select count(*) from referral where referral_id like 'HEN-TWO-%'")).isEqualTo(2);

        // each status by its own rules (A12: 9 days to the first attendance), naming the
        // other
        today("2026-03-05");
        JsonNode status = json(get(COORDINATOR, "/api/pathways/HEN-TWO-A12"));
        assertThat(status.get("pathway").asText()).isEqualTo("A12");
        assertThat(status.get("pathwayName").asText()).isEqualTo("Testforløp for kreft i tykk- og endetarm");
        assertThat(codes(status)).containsExactly("A12A 2026-03-03");
        JsonNode first = status.get("intervals").get(0);
        assertThat(first.get("interval").asText() + " " + first.get("standardDays").asInt() + " "
                + first.get("due").asText() + " " + first.get("status").asText())
            .isEqualTo("REFERRAL_TO_FIRST_ATTENDANCE 9 2026-03-12 PENDING");
        assertThat(status.get("otherPathways").toString())
            .isEqualTo("[{\"referralId\":\"HEN-TWO-A32\",\"receivedDate\":\"2026-03-02\",\"state\":\"ACTIVE\","
                    + "\"earlier\":true,\"pathway\":\"A32\"}]");
        assertThat(status.get("additionalReferrals").findValuesAsText("referralId")).containsExactly("HEN-TWO-A12-B");
        JsonNode a32Status = json(get(COORDINATOR, "/api/pathways/HEN-TWO-A32"));
        assertThat(a32Status.get("pathway").asText()).isEqualTo("A32");
        assertThat(a32Status.get("pathwayName").asText()).isEqualTo("Kreft i spiserør og magesekk");
        assertThat(a32Status.get("intervals").get(0).get("standardDays").asInt()).isEqualTo(8);
        assertThat(a32Status.get("otherPathways").get(0).get("pathway").asText()).isEqualTo("A12");

        // an unknown pathway is a field error, and nothing starts
        ResponseEntity<String> unknown = refer(referralTo("X99", "HEN-TWO-X99", "HEN-TWO-X", "2026-03-05"));
        refusedPathway(unknown);
        assertThat(count("select count(*) from referral where referral_id = 'HEN-TWO-X99'")).isZero();
    }

    @Test
    void theExportAndTheReportNameEachRowsPathwayJudgeItByItsRulesAndNarrowToOne() {
        // one finished pathway of each, 9 days from referral to first attendance:
        // breached
        // in A32 (8 days), met in A12 (9 days)
        code("done-a32", "A32", "REFERRAL", "A32A", "2027-01-04", BERGEN);
        code("done-a32", "A32", "FIRST_ATTENDANCE", "A32S", "2027-01-13", "Sykehuset Østfold HF");
        code("done-a12", "A12", "REFERRAL", "A12A", "2027-01-04", BERGEN);
        code("done-a12", "A12", "FIRST_ATTENDANCE", "A12S", "2027-01-13", BERGEN);
        today("2027-01-20");

        JsonNode report = json(get(MANAGER, "/api/reports/pathway-times?from=2027-01-01&to=2027-01-31"));
        assertThat(StreamSupport.stream(report.get("intervals").spliterator(), false)
            .map(i -> i.get("pathway").asText() + " " + i.get("interval").asText() + " " + i.get("standardDays") + " "
                    + i.get("completed") + " " + i.get("withinStandard"))
            .toList()).containsExactly("A32 REFERRAL_TO_FIRST_ATTENDANCE 8 1 0",
                    "A32 FIRST_ATTENDANCE_TO_DECISION 21 0 0", "A32 DECISION_TO_TREATMENT 14 0 0",
                    "A32 REFERRAL_TO_TREATMENT 43 0 0", "A12 REFERRAL_TO_FIRST_ATTENDANCE 9 1 1",
                    "A12 FIRST_ATTENDANCE_TO_DECISION 12 0 0", "A12 DECISION_TO_TREATMENT 14 0 0",
                    "A12 REFERRAL_TO_TREATMENT 35 0 0");
        assertThat(report.get("pathway").isNull()).isTrue();
        JsonNode a12 = json(get(MANAGER, "/api/reports/pathway-times?from=2027-01-01&to=2027-01-31&pathway=A12"));
        assertThat(a12.get("pathway").asText()).isEqualTo("A12");
        assertThat(a12.get("intervals").findValuesAsText("pathway")).containsExactly("A12", "A12", "A12", "A12");
        assertThat(a12.get("intervals").get(0).get("shareWithinStandard").asDouble()).isEqualTo(1.0);
        JsonNode month = json(get(MANAGER, "/api/reports/pathway-times/monthly?months=1&pathway=A32"));
        assertThat(month.get("pathway").asText()).isEqualTo("A32");
        assertThat(month.get("months").get(0).get("intervals").findValuesAsText("pathway")).containsOnly("A32")
            .hasSize(4);
        assertThat(month.get("months").get(0).get("intervals").get(0).get("withinStandard").asLong()).isZero();
        assertThat(list(get(MANAGER, "/api/reports/hospitals?pathway=A12")).stream().map(JsonNode::asText))
            .containsExactly(BERGEN);
        assertThat(list(get(MANAGER, "/api/reports/hospitals")).stream().map(JsonNode::asText)).contains(BERGEN,
                "Sykehuset Østfold HF");
        refusedPathway(get(MANAGER, "/api/reports/pathway-times?from=2027-01-01&to=2027-01-31&pathway=X99"));
        refusedPathway(get(MANAGER, "/api/reports/pathway-times/monthly?pathway=X99"));
        refusedPathway(get(MANAGER, "/api/reports/hospitals?pathway=X99"));

        assertThat(list(get(REPORTER, "/api/codes?from=2027-01-01&to=2027-01-31")).stream()
            .map(c -> c.get("code").asText() + " " + c.get("pathway").asText()))
            .containsExactly("A32A A32", "A12A A12", "A32S A32", "A12S A12");
        assertThat(list(get(REPORTER, "/api/codes?from=2027-01-01&to=2027-01-31&pathway=A12")).stream()
            .map(c -> c.get("code").asText() + " " + c.get("pathway").asText()))
            .containsExactly("A12A A12", "A12S A12");
        assertThat(get(REPORTER, "/api/codes?from=2027-01-01&to=2027-01-31&pathway=A12", "text/csv").getBody())
            .isEqualTo("""
                    referralId,nationalId,code,date,hospital,status,previousDate,pathway\r
                    DONE-done-a12,,A12A,2027-01-04,Helse Bergen HF,REGISTERED,,A12\r
                    DONE-done-a12,,A12S,2027-01-13,Helse Bergen HF,REGISTERED,,A12\r
                    """);
        refusedPathway(get(REPORTER, "/api/codes?from=2027-01-01&to=2027-01-31&pathway=X99"));
    }

    @Test
    void theAtRiskListJudgesEachPathwayByItsOwnRulesAndNarrowsToOne() throws Exception {
        assertThat(refer(referralTo(null, "HEN-RISK2-A32", "HEN-RISK2-A32", "2028-05-08")).getStatusCode().value())
            .isEqualTo(201);
        assertThat(refer(referralTo("A12", "HEN-RISK2-A12", "HEN-RISK2-A12", "2028-05-08")).getStatusCode().value())
            .isEqualTo(201);
        today("2028-05-10");

        List<String> all = list(get(COORDINATOR, "/api/worklist/at-risk?withinDays=7")).stream()
            .filter(i -> i.get("referralId").asText().startsWith("HEN-RISK2-"))
            .map(SecondPathwayApiTest::atRiskRow)
            .toList();
        // the 8-day time of A32 and the 9-day time of A12, each from 2028-05-08
        assertThat(all).containsExactly(
                "HEN-RISK2-A32 A32 REFERRAL_TO_FIRST_ATTENDANCE 2028-05-16 6 registerFirstAttendance STANDARD 8",
                "HEN-RISK2-A12 A12 REFERRAL_TO_FIRST_ATTENDANCE 2028-05-17 7 registerFirstAttendance STANDARD 9");
        assertThat(list(get(COORDINATOR, "/api/worklist/at-risk?withinDays=7&pathway=A12")).stream()
            .map(SecondPathwayApiTest::atRiskRow)).containsExactly(
                    "HEN-RISK2-A12 A12 REFERRAL_TO_FIRST_ATTENDANCE 2028-05-17 7 registerFirstAttendance STANDARD 9");
        assertThat(list(get(COORDINATOR, "/api/worklist/at-risk?withinDays=7&pathway=A32")).stream()
            .map(i -> i.get("pathway").asText())).containsOnly("A32").isNotEmpty();
        refusedPathway(get(COORDINATOR, "/api/worklist/at-risk?pathway=X99"));

        // the Cockpit plugin: the same rows, and the pathways to choose from
        CockpitSession cockpit = CockpitSession.login(port, "cockpit", MANAGER, PASSWORD);
        HttpResponse<String> plugin = cockpit.get(PLUGIN + "at-risk?withinDays=7&pathway=A12");
        assertThat(plugin.statusCode()).as(plugin.body()).isEqualTo(200);
        assertThat(JSON.readTree(plugin.body()))
            .isEqualTo(json(get(MANAGER, "/api/worklist/at-risk?withinDays=7&pathway=A12")));
        HttpResponse<String> pathways = cockpit.get(PLUGIN + "pathways");
        assertThat(pathways.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(pathways.body()).toString())
            .isEqualTo("[{\"pathway\":\"A32\",\"name\":\"Kreft i spiserør og magesekk\","
                    + "\"processKey\":\"pakkeforlop-spiseror-magesekk\"},{\"pathway\":\"A12\","
                    + "\"name\":\"Testforløp for kreft i tykk- og endetarm\",\"processKey\":\"" + KEY + "\"}]");
        HttpResponse<String> refused = cockpit.get(PLUGIN + "pathway-times?from=2028-01-01&to=2028-12-31&pathway=X99");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Ukjent pakkeforløp");
    }

    private static String atRiskRow(JsonNode i) {
        return String.join(" ", i.get("referralId").asText(), i.get("pathway").asText(), i.get("interval").asText(),
                i.get("due").asText(), i.get("daysLeft").asText(), i.get("nextTask").asText(),
                i.get("predictionScope").asText(), i.get("predictionMedianDays").asText());
    }

    @Test
    void everyPathwayHasItsGrantsAndItsMetrics() {
        for (String key : List.of("pakkeforlop-spiseror-magesekk", KEY)) {
            assertThat(authorizations.createAuthorizationQuery()
                .groupIdIn(StaffGroups.COORDINATOR)
                .resourceType(Resources.PROCESS_DEFINITION)
                .resourceId(key)
                .hasPermission(ProcessDefinitionPermissions.CREATE_INSTANCE)
                .count()).as(key).isOne();
            assertThat(authorizations.createAuthorizationQuery()
                .groupIdIn(StaffGroups.MANAGEMENT)
                .resourceType(Resources.PROCESS_DEFINITION)
                .resourceId(key)
                .count()).as(key).isOne();
        }
        assertThat(refer(referralTo("A12", "HEN-METRICS-A12", "HEN-METRICS-A12", "2029-02-01")).getStatusCode().value())
            .isEqualTo(201);
        long running = runtime.createProcessInstanceQuery().processDefinitionKey(KEY).count();

        ResponseEntity<String> scrape = get(ADMIN, "/actuator/prometheus", "text/plain");
        assertThat(scrape.getStatusCode().value()).isEqualTo(200);
        // every series names its pathway and its process key (beside the application's
        // tag)
        assertThat(scrape.getBody())
            .containsPattern("\npakkeforlop_pathways_active\\{[^}]*pathway=\"A12\",processKey=\"" + KEY + "\"\\} "
                    + (double) running + "\n")
            .containsPattern("\npakkeforlop_pathways_active\\{[^}]*pathway=\"A32\","
                    + "processKey=\"pakkeforlop-spiseror-magesekk\"\\} ")
            .containsPattern("\npakkeforlop_breach_followups_open\\{[^}]*interval=\"REFERRAL_TO_FIRST_ATTENDANCE\","
                    + "pathway=\"A12\",processKey=\"" + KEY + "\"\\} ");
    }

}
