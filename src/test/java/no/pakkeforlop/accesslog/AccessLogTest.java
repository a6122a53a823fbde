package no.pakkeforlop.accesslog;

import static no.pakkeforlop.testsupport.TestData.nationalIdFor;
import static no.pakkeforlop.testsupport.TestData.ADMIN;
import static no.pakkeforlop.testsupport.TestData.ADMIN_PASSWORD;
import static no.pakkeforlop.testsupport.TestData.COORDINATOR;
import static no.pakkeforlop.testsupport.TestData.MANAGER;
import static no.pakkeforlop.testsupport.TestData.allNationalIds;
import static no.pakkeforlop.testsupport.TestData.OSLO;
import static no.pakkeforlop.testsupport.TestData.PASSWORD;
import static no.pakkeforlop.testsupport.TestData.PATIENT_NAME;
import static no.pakkeforlop.testsupport.TestData.PHYSICIAN;
import static no.pakkeforlop.testsupport.TestData.PROCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import no.pakkeforlop.api.ApiTestSupport;
import no.pakkeforlop.testsupport.WebappSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

/**
 * Every read or change of a pathway leaves a row: who, when, which referral, what, from
 * where; never the data.
 */
class AccessLogTest extends ApiTestSupport {

    static final String OFFICER = "personvernombud";

    @LocalServerPort
    private int port;

    @Autowired
    private AccessLogRetention retention;

    @Autowired
    private AccessLog accessLog;

    @BeforeEach
    void privacyOfficer() {
        if (identity.createUserQuery().userId(OFFICER).count() == 0) {
            var user = identity.newUser(OFFICER);
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(OFFICER, PrivacyOfficers.GROUP);
        }
    }

    private List<JsonNode> log(String query) {
        ResponseEntity<String> answer = get(OFFICER, "/api/access-log?" + query);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        List<JsonNode> rows = new ArrayList<>();
        json(answer).forEach(rows::add);
        return rows;
    }

    private static List<String> seen(List<JsonNode> rows) {
        return rows.stream()
            .map(r -> r.path("userId").asText() + " " + r.path("action").asText() + " "
                    + r.path("resource").asText().replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{id}"))
            .toList();
    }

    @Test
    void readsAndChangesThroughEveryRouteAreRecordedWithoutTheDataItself() {
        String pi = startPathway("ACCESS-0001", "2026-03-02");
        String taskId = tasks.createTaskQuery()
            .processInstanceId(pi)
            .taskDefinitionKey("registerFirstAttendance")
            .singleResult()
            .getId();

        // Camunda's REST API
        assertThat(get(COORDINATOR, "/engine-rest/task?processInstanceBusinessKey=ACCESS-0001").getStatusCode().value())
            .isEqualTo(200);
        assertThat(get(COORDINATOR, "/engine-rest/task/" + taskId + "/form-variables").getStatusCode().value())
            .isEqualTo(200);
        assertThat(get(ADMIN, "/engine-rest/history/variable-instance?processInstanceId=" + pi).getStatusCode().value())
            .isEqualTo(200);
        // Tasklist's own calls: the task list (a query sent as POST) and the task's form
        WebappSession tasklist = WebappSession.login(port, "tasklist", COORDINATOR, PASSWORD);
        HttpResponse<String> list = tasklist.post(
                "/camunda/api/engine/engine/default/task/?firstResult=0&maxResults=50",
                "{\"processInstanceBusinessKey\":\"ACCESS-0001\"}");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(tasklist.get("/camunda/api/engine/engine/default/task/" + taskId + "/form-variables").statusCode())
            .isEqualTo(200);
        // the pathway API, read by a physician once the pathway has a task for physicians
        // (need-to-know)
        firstAttendance(pi, "2026-03-05");
        assertThat(get(PHYSICIAN, "/api/pathways/ACCESS-0001").getStatusCode().value()).isEqualTo(200);
        // Cockpit's own calls (an operator's: leaders see no instances): its
        // process-instance plugin and the instance
        WebappSession cockpit = WebappSession.login(port, "cockpit", ADMIN, ADMIN_PASSWORD);
        HttpResponse<String> instances = cockpit.get("/camunda/api/engine/engine/default/process-instance/" + pi);
        assertThat(instances.statusCode()).as(instances.body()).isEqualTo(200);
        String definitionId = runtime.createProcessInstanceQuery()
            .processInstanceId(pi)
            .singleResult()
            .getProcessDefinitionId();
        HttpResponse<String> plugin = cockpit.get("/camunda/api/cockpit/plugin/base/default/process-instance"
                + "?processDefinitionId=" + definitionId + "&firstResult=0&maxResults=50");
        assertThat(plugin.statusCode()).as(plugin.body()).isEqualTo(200);

        List<JsonNode> rows = log("referralId=ACCESS-0001");
        assertThat(seen(rows)).contains(COORDINATOR + " CHANGE POST /api/referrals",
                PHYSICIAN + " READ GET /api/pathways/ACCESS-0001", COORDINATOR + " READ GET /engine-rest/task",
                COORDINATOR + " READ GET /engine-rest/task/{id}/form-variables",
                ADMIN + " READ GET /engine-rest/history/variable-instance",
                COORDINATOR + " READ POST /camunda/api/engine/engine/default/task/",
                COORDINATOR + " READ GET /camunda/api/engine/engine/default/task/{id}/form-variables",
                ADMIN + " READ GET /camunda/api/engine/engine/default/process-instance/{id}",
                ADMIN + " READ GET /camunda/api/cockpit/plugin/base/default/process-instance");
        JsonNode read = rows.stream()
            .filter(r -> r.path("userId").asText().equals(PHYSICIAN))
            .findFirst()
            .orElseThrow();
        assertThat(read.path("groups").asText()).isEqualTo("lege");
        assertThat(read.path("referralId").asText()).isEqualTo("ACCESS-0001");
        assertThat(read.path("client").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(read.path("status").asInt()).isEqualTo(200);
        assertThat(Duration.between(OffsetDateTime.parse(read.path("at").asText()).toInstant(), Instant.now()).abs())
            .isLessThan(Duration.ofMinutes(5));
        // what was read is never in the log
        String everything = get(OFFICER, "/api/access-log").getBody();
        assertThat(everything).doesNotContain(allNationalIds())
            .doesNotContain(PATIENT_NAME)
            .doesNotContain("Metformin");
    }

    @Test
    void theRowNamesTheUserTheDoorCheckedAndAPercentEncodedAddressIsRecordedToo() throws Exception {
        String pi = startPathway("ACCESS-0009", "2026-03-02");
        String taskId = tasks.createTaskQuery()
            .processInstanceId(pi)
            .taskDefinitionKey("registerFirstAttendance")
            .singleResult()
            .getId();
        // Tasklist's calls go by the session; an Authorization header naming someone else
        // is not looked at
        WebappSession tasklist = WebappSession.login(port, "tasklist", COORDINATOR, PASSWORD);
        String someoneElse = "Basic "
                + Base64.getEncoder().encodeToString((PHYSICIAN + ":x").getBytes(StandardCharsets.UTF_8));
        assertThat(tasklist
            .get("/camunda/api/engine/engine/default/task/" + taskId + "/form-variables", "Authorization", someoneElse)
            .statusCode()).isEqualTo(200);
        // the task's id written percent-encoded names the same task, and the same pathway
        String encoded = taskId.chars().mapToObj(c -> String.format("%%%02X", c)).collect(Collectors.joining());
        HttpResponse<String> read = HttpClient.newHttpClient()
            .send(HttpRequest
                .newBuilder(URI.create("http://localhost:" + port + "/engine-rest/task/" + encoded + "/form-variables"))
                .header("Authorization",
                        "Basic " + Base64.getEncoder()
                            .encodeToString((COORDINATOR + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);

        List<JsonNode> rows = log("referralId=ACCESS-0009");
        assertThat(seen(rows)).contains(
                COORDINATOR + " READ GET /camunda/api/engine/engine/default/task/{id}/form-variables",
                COORDINATOR + " READ GET /engine-rest/task/{id}/form-variables");
        assertThat(rows).noneMatch(row -> row.path("userId").asText().equals(PHYSICIAN));
    }

    @Test
    void aPatientsLogIsFoundByNationalIdUserAndPeriodAsJsonOrCsv() {
        // the log records when a request came by the wall clock (not the engine's): the
        // period asked for runs from the day the reads began to the day they ended, so a
        // midnight between them changes nothing
        String before = LocalDate.now(OSLO).toString();
        startPathway("ACCESS-0002", "2026-03-02");
        get(PHYSICIAN, "/api/pathways/ACCESS-0002");
        String after = LocalDate.now(OSLO).toString();

        // every referral of the patient
        assertThat(log("nationalId=" + nationalIdFor("ACCESS-0002")).stream().map(r -> r.path("referralId").asText()))
            .contains("ACCESS-0002");
        assertThat(log("nationalId=01018050079")).isEmpty(); // a valid number of nobody
                                                             // here
        assertThat(log("userId=" + PHYSICIAN + "&from=" + before + "&to=" + after)).isNotEmpty()
            .allSatisfy(r -> assertThat(r.path("userId").asText()).isEqualTo(PHYSICIAN));
        assertThat(log("referralId=ACCESS-0002&from=2020-01-01&to=2020-12-31")).isEmpty();

        ResponseEntity<String> csv = get(OFFICER, "/api/access-log?referralId=ACCESS-0002", "text/csv");
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        String[] lines = csv.getBody().split("\r\n");
        assertThat(lines[0]).isEqualTo("at,userId,groups,referralId,action,resource,client,status");
        assertThat(lines).anyMatch(line -> line.contains(",lege,lege,ACCESS-0002,READ,GET /api/pathways/ACCESS-0002,"));

        // the privacy officer's own look is part of the patient's log
        assertThat(seen(log("referralId=ACCESS-0002"))).contains(OFFICER + " READ GET /api/access-log");
    }

    @Test
    void onlyPrivacyOfficersAndAdministratorsReadTheLogAndABadNationalIdIsRefusedWithoutRepeatingIt() {
        assertThat(get(COORDINATOR, "/api/access-log").getStatusCode().value()).isEqualTo(403);
        assertThat(get(MANAGER, "/api/access-log").getStatusCode().value()).isEqualTo(403);
        assertThat(get(ADMIN, "/api/access-log").getStatusCode().value()).isEqualTo(200);
        assertThat(http.getForEntity("/api/access-log", String.class).getStatusCode().value()).isEqualTo(401);
        ResponseEntity<String> bad = get(OFFICER, "/api/access-log?nationalId=31129956716");
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(bad)).containsExactly("nationalId");
        assertThat(bad.getBody()).doesNotContain("31129956716");
        assertThat(get(OFFICER, "/api/access-log?from=2026-13-01").getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void aBadPeriodAndABadNationalIdAreRefusedTogetherAndEitherEndOfThePeriodMayBeLeftOut() {
        ResponseEntity<String> bad = get(OFFICER, "/api/access-log?from=2026-03-10&to=2026-03-01&nationalId=123");
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(json(bad).path("errors").findValues("message").stream().map(JsonNode::asText)).containsExactly(
                "Fra-dato (10.03.2026) kan ikke være etter til-dato (01.03.2026).",
                "Fødselsnummeret eller D-nummeret er ikke gyldig.");
        assertThat(json(get(OFFICER, "/api/access-log?to=01.03.2026")).path("errors").get(0).path("message").asText())
            .isEqualTo("Til-dato må være en gyldig dato på formen ÅÅÅÅ-MM-DD, ikke «01.03.2026».");
        assertThat(get(OFFICER, "/api/access-log?from=2026-03-01").getStatusCode().value()).isEqualTo(200);
        assertThat(get(OFFICER, "/api/access-log?to=2026-03-01").getStatusCode().value()).isEqualTo(200);
    }

    /**
     * A task of a part every pathway shares runs in a process instance the pathway calls:
     * reading it is recorded for the pathway, and the coordinator reads it under the same
     * grants.
     */
    @Test
    void readingATaskOfASharedPartIsRecordedForItsPathway() {
        String pi = startPathway("ACCESS-0031", "2026-03-02");
        // the 8-day standard time passes: its follow-up is raised in the shared part
        today("2026-03-11");
        runJob(pi, "deadlineFirstAttendance");
        org.camunda.bpm.engine.task.Task followUp = tasks.createTaskQuery()
            .processInstanceIdIn(instancesOf(pi))
            .taskDefinitionKey("followUpBreach")
            .singleResult();
        assertThat(followUp.getProcessInstanceId()).as("the follow-up runs in a called instance").isNotEqualTo(pi);

        assertThat(
                get(COORDINATOR, "/engine-rest/task/" + followUp.getId() + "/form-variables").getStatusCode().value())
            .isEqualTo(200);
        assertThat(get(COORDINATOR, "/engine-rest/process-instance/" + followUp.getProcessInstanceId()).getStatusCode()
            .value()).isEqualTo(200);

        List<JsonNode> rows = log("referralId=ACCESS-0031");
        assertThat(seen(rows)).contains(COORDINATOR + " READ GET /engine-rest/task/{id}/form-variables",
                COORDINATOR + " READ GET /engine-rest/process-instance/{id}");
        // recorded for the pathway (its referral, through its root process instance)
        assertThat(rows).filteredOn(row -> row.path("resource").asText().contains(" /engine-rest/"))
            .extracting(row -> row.path("referralId").asText())
            .containsExactly("ACCESS-0031", "ACCESS-0031");
    }

    @Test
    void aRequestThatCarriesNoPathwayLeavesNoRow() {
        long before = count("select count(*) from access_log");
        assertThat(get(COORDINATOR, "/engine-rest/process-definition?key=" + PROCESS_KEY).getStatusCode().value())
            .isEqualTo(200);
        assertThat(get(MANAGER, "/api/reports/pathway-times?from=2026-01-01&to=2026-12-31").getStatusCode().value())
            .isEqualTo(200);
        assertThat(count("select count(*) from access_log")).isEqualTo(before);
    }

    @Test
    void rowsAreKeptAsLongAsThePathwaysHistory() {
        String active = startPathway("ACCESS-0003", "2026-03-02");
        Instant now = Instant.now();
        Instant longAgo = now.minus(Duration.ofDays(3651));
        accessLog.append(List.of(
                new AccessLog.Entry(longAgo, "gammel", "lege", null, null, "READ", "GET /engine-rest/task", "10.0.0.1",
                        200),
                new AccessLog.Entry(longAgo, "gammel", "lege", "ACCESS-0003", active, "READ",
                        "GET /api/pathways/ACCESS-0003", "10.0.0.1", 200),
                new AccessLog.Entry(now.minus(Duration.ofDays(10)), "ny", "lege", null, null, "READ",
                        "GET /engine-rest/task", "10.0.0.1", 200)));

        assertThat(retention.deleteExpired(now)).isEqualTo(1);
        // the pathway is still running: its old row stays; the recent row of no pathway
        // stays
        assertThat(count("select count(*) from access_log where user_id = 'gammel'")).isEqualTo(1);
        assertThat(count("select count(*) from access_log where user_id = 'ny'")).isEqualTo(1);
    }

}
