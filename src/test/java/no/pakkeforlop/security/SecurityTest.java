package no.pakkeforlop.security;

import static no.pakkeforlop.testsupport.TestData.nationalIdFor;
import static no.pakkeforlop.testsupport.TestData.ADMIN;
import static no.pakkeforlop.testsupport.TestData.COORDINATOR;
import static no.pakkeforlop.testsupport.TestData.MANAGER;
import static no.pakkeforlop.testsupport.TestData.MDT;
import static no.pakkeforlop.testsupport.TestData.OUTSIDER;
import static no.pakkeforlop.testsupport.TestData.PASSWORD;
import static no.pakkeforlop.testsupport.TestData.PATIENT_NAME;
import static no.pakkeforlop.testsupport.TestData.PHYSICIAN;
import static no.pakkeforlop.testsupport.TestData.PROCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import no.pakkeforlop.api.ApiTestSupport;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Nobody without valid credentials gets anything; staff get what their group needs, and
 * nothing else.
 */
class SecurityTest extends ApiTestSupport {

    @Autowired
    AuthorizationService authorizations;

    static final List<String> API_REQUESTS = List.of("POST /api/referrals", "GET /api/pathways/HEN-SEC-1",
            "POST /api/pathways/HEN-SEC-1/transfers", "POST /api/pathways/HEN-SEC-1/termination",
            "GET /api/codes?from=2026-01-01&to=2026-01-31",
            "GET /api/reports/pathway-times?from=2026-01-01&to=2026-01-31", "GET /api/no-such-endpoint",
            "DELETE /api/referrals");

    /**
     * The user the wrong passwords are tried on. The engine makes a user wait after a
     * failed login (and locks it after ten), so the other users must never be given a
     * wrong password here.
     */
    static final String WRONG_PASSWORD_USER = "feilpassord";

    @org.junit.jupiter.api.BeforeEach
    void wrongPasswordUser() {
        if (identity.createUserQuery().userId(WRONG_PASSWORD_USER).count() == 0) {
            var user = identity.newUser(WRONG_PASSWORD_USER);
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(WRONG_PASSWORD_USER, "forlopskoordinator");
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger CLIENTS = new java.util.concurrent.atomic.AtomicInteger();

    private ResponseEntity<String> send(String request, String authorization) {
        String[] parts = request.split(" ");
        HttpHeaders headers = new HttpHeaders();
        if (authorization != null) {
            headers.set(HttpHeaders.AUTHORIZATION, authorization);
        }
        headers.setContentType(MediaType.APPLICATION_JSON);
        // each probe from a client address of its own: the login limit (ten failures of
        // one user from one address) is LoginsTest's
        headers.set("X-Forwarded-For", "10.77." + (CLIENTS.incrementAndGet() / 250 % 250) + "." + CLIENTS.get() % 250);
        return http.exchange(parts[1], HttpMethod.valueOf(parts[0]),
                new HttpEntity<>(parts[0].equals("POST") ? "{}" : null, headers), String.class);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = { "none", "wrong password", "unknown user", "not basic", "garbage" })
    void everyApiRequestWithoutValidCredentialsIs401(String credentials) {
        String authorization = switch (credentials) {
            case "none" -> null;
            case "wrong password" -> basic(WRONG_PASSWORD_USER, PASSWORD + "x");
            case "unknown user" -> basic("nobody", PASSWORD);
            case "not basic" -> "Bearer " + PASSWORD;
            default -> "Basic ###";
        };
        for (String request : API_REQUESTS) {
            ResponseEntity<String> response = send(request, authorization);
            assertThat(response.getStatusCode().value()).as(request).isEqualTo(401);
            assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).as(request)
                .startsWith("Basic realm=");
            assertThat(response.getHeaders().getContentType()).as(request).hasToString("application/problem+json");
            JsonNode problem = json(response);
            assertThat(problem.get("title").asText()).isEqualTo("Innlogging kreves");
            assertThat(problem.get("status").asInt()).isEqualTo(401);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "GET /engine-rest/process-definition", "GET /engine-rest/engine",
            "GET /engine-rest/engine/", "GET /engine-rest/version", "GET /engine-rest/task",
            "GET /engine-rest/engine/no-such-engine/process-definition", "GET /engine-rest/engine/default/user",
            "POST /engine-rest/process-definition/key/pakkeforlop-spiseror-magesekk/start",
            "GET /engine-rest/no-such-thing" })
    void everyEngineRestRequestWithoutValidCredentialsIs401(String request) {
        for (String authorization : new String[] { null, basic(WRONG_PASSWORD_USER, "wrong"), basic("nobody", "x") }) {
            ResponseEntity<String> response = send(request, authorization);
            assertThat(response.getStatusCode().value()).as(request + " with " + authorization).isEqualTo(401);
            assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic realm=");
        }
        assertThat(send("GET /engine-rest/process-definition", basic(ADMIN, "Rest-admin-passord-1")).getStatusCode()
            .value()).isEqualTo(200);
    }

    @Test
    void someoneOutsideTheStaffGroupsGets403FromEveryEndpoint() {
        for (String request : API_REQUESTS.subList(0, 6)) {
            ResponseEntity<String> response = send(request, basic(OUTSIDER, PASSWORD));
            assertThat(response.getStatusCode().value()).as(request).isEqualTo(403);
            assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
            assertThat(json(response).get("title").asText()).isEqualTo("Ingen tilgang");
        }
        assertThat(send("GET /api/no-such-endpoint", basic(OUTSIDER, PASSWORD)).getStatusCode().value()).isEqualTo(404);
    }

    /**
     * Which group may do what: 403 when not allowed, otherwise the endpoint's own answer
     * (here 400 or 404).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "POST /api/referrals,                            koordinator lege mdtlege leder rapportor restadmin, 400 403 403 403 403 400",
            "GET /api/pathways/HEN-SEC-1,                     koordinator lege mdtlege leder rapportor restadmin, 404 404 404 403 403 404",
            "POST /api/pathways/HEN-SEC-1/transfers,          koordinator lege mdtlege leder rapportor restadmin, 404 403 403 403 403 404",
            "POST /api/pathways/HEN-SEC-1/termination,        koordinator lege mdtlege leder rapportor restadmin, 404 403 403 403 403 404",
            "GET /api/codes?from=2026-01-01&to=2026-01-31,    koordinator lege mdtlege leder rapportor restadmin, 200 403 403 403 200 200",
            "GET /api/reports/pathway-times?from=2026-01-01&to=2026-01-31, koordinator lege mdtlege leder rapportor restadmin, 403 403 403 200 403 200" })
    void eachGroupGetsWhatItNeeds(String request, String users, String statuses) {
        String[] user = users.trim().split(" ");
        String[] status = statuses.trim().split(" ");
        for (int i = 0; i < user.length; i++) {
            String password = user[i].equals(ADMIN) ? "Rest-admin-passord-1" : PASSWORD;
            assertThat(send(request.trim(), basic(user[i], password)).getStatusCode().value()).as(user[i])
                .isEqualTo(Integer.parseInt(status[i]));
        }
    }

    @Test
    void theStaffGroupsAndTheirAuthorizationsAreCreatedAtStartUp() {
        assertThat(identity.createGroupQuery()
            .groupIdIn("forlopskoordinator", "mdt", "lege", "leder", "rapportering")
            .list()).extracting(Group::getId, Group::getName)
            .containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("forlopskoordinator", "Forløpskoordinatorer"),
                    org.assertj.core.groups.Tuple.tuple("mdt", "Multidisiplinært team (MDT)"),
                    org.assertj.core.groups.Tuple.tuple("lege", "Behandlende leger"),
                    org.assertj.core.groups.Tuple.tuple("leder", "Ledelse og kvalitet"), org.assertj.core.groups.Tuple
                        .tuple("rapportering", "Rapportering (forløpskoder med fødselsnummer)"));
        assertThat(authorizations.isUserAuthorized(COORDINATOR, List.of("forlopskoordinator"),
                ProcessDefinitionPermissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION, PROCESS_KEY))
            .isTrue();
        assertThat(authorizations.isUserAuthorized(PHYSICIAN, List.of("lege"),
                ProcessDefinitionPermissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION, PROCESS_KEY))
            .isFalse();
        // every pathway the application runs gets the same grants (colorectal cancer,
        // A12,
        // added as a folder)
        String colorectal = "pakkeforlop-tykk-endetarm";
        assertThat(authorizations.isUserAuthorized(COORDINATOR, List.of("forlopskoordinator"),
                ProcessDefinitionPermissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION, colorectal))
            .isTrue();
        assertThat(authorizations.isUserAuthorized(PHYSICIAN, List.of("lege"),
                ProcessDefinitionPermissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION, colorectal))
            .isFalse();
        assertThat(authorizations.isUserAuthorized(MDT, List.of("mdt"), ProcessDefinitionPermissions.READ,
                Resources.PROCESS_DEFINITION, colorectal))
            .isTrue();
        assertThat(authorizations.isUserAuthorized(MDT, List.of("mdt"), Permissions.ACCESS, Resources.APPLICATION,
                "tasklist"))
            .isTrue();
        assertThat(authorizations.isUserAuthorized(MANAGER, List.of("leder"), Permissions.ACCESS, Resources.APPLICATION,
                "cockpit"))
            .isTrue();
        assertThat(authorizations.isUserAuthorized(OUTSIDER, List.of(), Permissions.ACCESS, Resources.APPLICATION,
                "tasklist"))
            .isFalse();
    }

    @Test
    void aCoordinatorStartsAPathwayThroughEngineRestAndOthersCannot() {
        today("2026-05-06");
        ObjectNode variables = JSON.createObjectNode();
        Map<String, Object> values = Map.ofEntries(Map.entry("referralId", "HEN-SEC-ENGINE"),
                Map.entry("nationalId", nationalIdFor("HEN-SEC-ENGINE")), Map.entry("patientName", PATIENT_NAME),
                Map.entry("receivedDate", "2026-05-05"), Map.entry("startBasis", "MARKED_REFERRAL"),
                Map.entry("medications", "Ingen"), Map.entry("comorbidity", "Ingen"), Map.entry("frailtyScale", "CFS"),
                Map.entry("frailtyScore", 3), Map.entry("referrerType", "GP"), Map.entry("referrerName", "Fastlege"),
                Map.entry("hospital", "Helse Bergen HF"));
        values.forEach((name, value) -> variables.putObject(name).putPOJO("value", value));
        variables.putObject("suspicionCriteria").put("value", "[\"DYSPHAGIA_OVER_2_WEEKS\"]").put("type", "Json");
        ObjectNode body = JSON.createObjectNode();
        body.set("variables", variables);
        body.put("businessKey", "HEN-SEC-ENGINE");
        String start = "/engine-rest/process-definition/key/" + PROCESS_KEY + "/start";

        for (String user : List.of(PHYSICIAN, MDT, MANAGER)) {
            assertThat(post(user, start, body).getStatusCode().value()).as(user).isEqualTo(403);
        }
        // without any authorization the pathway's definition is not even visible
        assertThat(post(OUTSIDER, start, body).getStatusCode().value()).isEqualTo(404);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("HEN-SEC-ENGINE").count()).isZero();

        ResponseEntity<String> started = post(COORDINATOR, start, body);
        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(200);
        assertThat(count("select count(*) from referral where referral_id = 'HEN-SEC-ENGINE' and created_by = ?",
                COORDINATOR))
            .isOne();
    }

    @Test
    void anMdtMemberCompletesTheMdtAssessmentThroughEngineRest() {
        String pi = startPathway("HEN-SEC-MDT", "2026-05-04");
        firstAttendance(pi, "2026-05-05");
        complete(pi, "registerEndoscopyResult", "2026-05-06",
                Map.of("endoscopyDate", "2026-05-06", "endoscopyResult", "OESOPHAGEAL_OR_GASTRIC_CANCER"));
        today("2026-05-11");

        String query = "/engine-rest/task?processInstanceId=" + pi + "&taskDefinitionKey=mdtAssessment";
        assertThat(json(get(OUTSIDER, query))).isEmpty();
        JsonNode found = json(get(MDT, query));
        assertThat(found).hasSize(1);
        String taskId = found.get(0).get("id").asText();

        ObjectNode variables = JSON.createObjectNode();
        Map.of("mdtDate", "2026-05-11", "tStage", "T2", "nStage", "N0", "mStage", "M0", "tumourSite", "OESOPHAGUS",
                "histology", "SQUAMOUS_CELL_CARCINOMA", "treatmentGroup",
                "SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION", "mdtRecommendation",
                "Neoadjuvant kjemoradioterapi, deretter kirurgi.")
            .forEach((name, value) -> variables.putObject(name).put("value", value).put("type", "String"));
        variables.putObject("ecog").put("value", 1).put("type", "Integer");
        variables.putObject("medicallyOperable").put("value", true).put("type", "Boolean");
        variables.putObject("technicallyResectable").put("value", true).put("type", "Boolean");
        variables.putObject("mdtOncologistPresent").put("value", true).put("type", "Boolean");
        variables.putObject("mdtSurgeonPresent").put("value", true).put("type", "Boolean");
        variables.putObject("mdtRadiologistPresent").put("value", true).put("type", "Boolean");
        variables.putObject("mdtCoordinatorPresent").put("value", true).put("type", "Boolean");
        ObjectNode body = JSON.createObjectNode();
        body.set("variables", variables);

        assertThat(post(PHYSICIAN, "/engine-rest/task/" + taskId + "/complete", body).getStatusCode().value())
            .isEqualTo(403);
        ResponseEntity<String> completed = post(MDT, "/engine-rest/task/" + taskId + "/complete", body);
        assertThat(completed.getStatusCode().value()).as(completed.getBody()).isEqualTo(204);
        assertThat(runtime.getVariable(pi, "proposedTreatmentGroup"))
            .isEqualTo("SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION");
        assertThat(tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey("clinicalDecision").count()).isOne();
    }

    @Test
    void theOpenApiDescriptionAndTheWebappsLoginPagesNeedNoCredentials() {
        assertThat(http.getForEntity("/v3/api-docs", String.class).getStatusCode().value()).isEqualTo(200);
        assertThat(http.getForEntity("/swagger-ui/index.html", String.class).getStatusCode().value()).isEqualTo(200);
        ResponseEntity<String> tasklist = http.getForEntity("/camunda/app/tasklist/default/", String.class);
        assertThat(tasklist.getStatusCode().value()).isEqualTo(200);
        assertThat(tasklist.getBody()).contains("<html");
    }

}
