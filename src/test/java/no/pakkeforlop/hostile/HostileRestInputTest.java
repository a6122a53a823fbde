package no.pakkeforlop.hostile;

import static no.pakkeforlop.testsupport.TestData.nationalIdFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import no.pakkeforlop.testsupport.ReferralBodies;
import no.pakkeforlop.testsupport.TestClock;
import no.pakkeforlop.testsupport.TestDatabase;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Hostile input to every REST endpoint, over real HTTP: malformed JSON, wrong types, huge
 * bodies and fields, unknown fields, impossible and absurd dates, national ids with wrong
 * check digits, SQL and script fragments, odd path and query parameters, wrong content
 * types and methods, and task completion through {@code /engine-rest/task/{id}/complete}
 * with hostile variables. Each is refused with a 4xx and a readable message
 * ({@code application/problem+json} in Norwegian on {@code /api/**}, Camunda's own JSON
 * on {@code /engine-rest}), and the database is the same afterwards, row for row in the
 * tables that matter. Free text that legitimately holds such fragments is accepted and
 * stored exactly as given.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "camunda.bpm.job-execution.enabled=false",
                "camunda.bpm.admin-user.id=" + HostileRestInputTest.ADMIN,
                "camunda.bpm.admin-user.password=" + HostileRestInputTest.PASSWORD })
class HostileRestInputTest {

    static final String ADMIN = "hostileadmin";

    /**
     * Test-only credentials of the throwaway in-memory (or throwaway PostgreSQL)
     * database.
     */
    static final String PASSWORD = "Hostile-test-passord-1";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String EXISTING = "HOSTILE-EXISTING";
    static final Set<String> NORWEGIAN_TITLES = Set.of("Ugyldig forespørsel", "Finnes ikke", "Metoden er ikke tillatt",
            "Innholdstypen støttes ikke", "Formatet kan ikke leveres", "Konflikt");

    /** The rows whose number must not move when a hostile request is refused. */
    static final List<String> TABLES = List.of("referral", "pathway_code", "pathway_breach", "ACT_RU_EXECUTION",
            "ACT_RU_VARIABLE", "ACT_RU_TASK", "ACT_RU_JOB", "ACT_HI_PROCINST", "ACT_HI_VARINST", "ACT_GE_BYTEARRAY");

    static final AtomicInteger TRIED = new AtomicInteger();

    /**
     * Refused with 400 by Tomcat before the request reaches the application (its own
     * short HTML page).
     */
    static final int CONTAINER_400 = -400;
    static final String KB100 = "x".repeat(100_000);
    static final String MB1 = "y".repeat(1_000_000);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TaskService tasks;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "hostile");
    }

    /** The tests' day, never the machine's: the dates below are computed from it. */
    @BeforeEach
    void clock() {
        TestClock.set();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    /** One pathway to aim transfers, terminations, lookups and task completions at. */
    @BeforeEach
    void existingPathway() throws Exception {
        if (jdbc.queryForObject("select count(*) from referral where referral_id = ?", Integer.class, EXISTING) == 0) {
            HttpResponse<String> created = send("POST", "/api/referrals", "application/json",
                    referral(EXISTING).toString(), null);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
    }

    @AfterAll
    static void count() {
        System.out.println("HOSTILE REST INPUT: " + TRIED.get() + " tried, none changed the database");
    }

    // ------------------------------------------------------------------ the table

    /** A hostile request and the 4xx it must get. */
    record Hostile(String name, String method, String path, String contentType, String body, String accept,
            int status) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Hostile> api() {
        List<Hostile> cases = new ArrayList<>();
        // ---- POST /api/referrals: the body as a whole
        for (String[] raw : new String[][] { { "empty body", "" }, { "not JSON", "henvisning" },
                { "unclosed object", "{" }, { "missing value", "{\"referralId\": }" }, { "JSON array", "[]" },
                { "JSON null", "null" }, { "JSON string", "\"x\"" },
                { "two objects", "{\"referralId\":\"A\"}{\"referralId\":\"B\"}" },
                { "single quotes", "{'referralId':'A'}" }, { "comment", "/* x */ {\"referralId\":\"A\"}" },
                { "NaN", "{\"frailty\":{\"score\":NaN}}" }, { "deep nesting", "[".repeat(5000) + "]".repeat(5000) },
                { "unterminated string", "{\"referralId\":\"\u00c3" }, { "1 MB of text", "\"" + MB1 + "\"" } }) {
            cases.add(new Hostile("referral: " + raw[0], "POST", "/api/referrals", "application/json", raw[1], null,
                    400));
        }
        // ---- POST /api/referrals: one field at a time
        Map<String, Consumer<ObjectNode>> fields = new LinkedHashMap<>();
        fields.put("referralId as number", b -> b.put("referralId", 123));
        fields.put("referralId missing", b -> b.remove("referralId"));
        fields.put("referralId with SQL", b -> b.put("referralId", "X'; DROP TABLE referral; --"));
        fields.put("referralId with script", b -> b.put("referralId", "<script>alert(1)</script>"));
        fields.put("referralId with path", b -> b.put("referralId", "../../etc/passwd"));
        fields.put("referralId 100 KB", b -> b.put("referralId", KB100));
        fields.put("patient as text", b -> b.put("patient", "Kari"));
        fields.put("patient as array", b -> b.putArray("patient"));
        fields.put("nationalId as number", b -> ((ObjectNode) b.get("patient")).put("nationalId", 31129956715L));
        fields.put("nationalId wrong first check digit",
                b -> ((ObjectNode) b.get("patient")).put("nationalId", "31129956725"));
        fields.put("nationalId wrong second check digit",
                b -> ((ObjectNode) b.get("patient")).put("nationalId", "31129956716"));
        fields.put("nationalId all zeros", b -> ((ObjectNode) b.get("patient")).put("nationalId", "00000000000"));
        fields.put("nationalId 10 digits", b -> ((ObjectNode) b.get("patient")).put("nationalId", "3112995671"));
        fields.put("nationalId 12 digits", b -> ((ObjectNode) b.get("patient")).put("nationalId", "311299567150"));
        fields.put("nationalId with letter", b -> ((ObjectNode) b.get("patient")).put("nationalId", "3112995671a"));
        fields.put("nationalId with space", b -> ((ObjectNode) b.get("patient")).put("nationalId", " 31129956715"));
        fields.put("nationalId with SQL", b -> ((ObjectNode) b.get("patient")).put("nationalId", "1' OR '1'='1"));
        fields.put("nationalId impossible date", b -> ((ObjectNode) b.get("patient")).put("nationalId", "30029956715"));
        fields.put("D-number wrong check digits",
                b -> ((ObjectNode) b.get("patient")).put("nationalId", "71129956708"));
        fields.put("nationalId 100 KB", b -> ((ObjectNode) b.get("patient")).put("nationalId", KB100));
        fields.put("patient name 100 KB", b -> ((ObjectNode) b.get("patient")).put("name", KB100));
        fields.put("patient name as object", b -> ((ObjectNode) b.get("patient")).putObject("name"));
        fields.put("unknown patient field", b -> ((ObjectNode) b.get("patient")).put("isAdmin", true));
        fields.put("receivedDate 30 February", b -> b.put("receivedDate", "2026-02-30"));
        fields.put("receivedDate year 0", b -> b.put("receivedDate", "0000-01-01"));
        fields.put("receivedDate month 13", b -> b.put("receivedDate", "2026-13-01"));
        fields.put("receivedDate 9999-12-31", b -> b.put("receivedDate", "9999-12-31"));
        fields.put("receivedDate 0001-01-01", b -> b.put("receivedDate", "0001-01-01"));
        fields.put("receivedDate Norwegian format", b -> b.put("receivedDate", "02.03.2026"));
        fields.put("receivedDate with time", b -> b.put("receivedDate", "2026-03-02T10:00:00Z"));
        fields.put("receivedDate as number", b -> b.put("receivedDate", 20260302));
        fields.put("receivedDate with SQL", b -> b.put("receivedDate", "2026-03-02'; --"));
        fields.put("receivedDate 100 KB", b -> b.put("receivedDate", KB100));
        fields.put("startBasis unknown", b -> b.put("startBasis", "WALK_IN"));
        fields.put("startBasis with SQL", b -> b.put("startBasis", "MARKED_REFERRAL' OR '1'='1"));
        fields.put("startBasis lower case", b -> b.put("startBasis", "marked_referral"));
        fields.put("suspicionCriteria as text", b -> b.put("suspicionCriteria", "DYSPHAGIA_OVER_2_WEEKS"));
        fields.put("suspicionCriteria empty", b -> b.putArray("suspicionCriteria"));
        fields.put("suspicionCriteria unknown",
                b -> b.putArray("suspicionCriteria").add("<img src=x onerror=alert(1)>"));
        fields.put("suspicionCriteria numbers", b -> b.putArray("suspicionCriteria").add(1).add(2));
        fields.put("suspicionCriteria nested",
                b -> b.putArray("suspicionCriteria").addArray().add("DYSPHAGIA_OVER_2_WEEKS"));
        fields.put("medications 100 KB", b -> b.put("medications", KB100));
        fields.put("medications 1 MB", b -> b.put("medications", MB1));
        fields.put("medications as boolean", b -> b.put("medications", false));
        fields.put("comorbidity as array", b -> b.putArray("comorbidity").add("x"));
        fields.put("frailty score as text", b -> ((ObjectNode) b.get("frailty")).put("score", "4"));
        fields.put("frailty score fraction", b -> ((ObjectNode) b.get("frailty")).put("score", 4.5));
        fields.put("frailty score out of range", b -> ((ObjectNode) b.get("frailty")).put("score", 99));
        fields.put("frailty score negative", b -> ((ObjectNode) b.get("frailty")).put("score", -1));
        fields.put("frailty score huge",
                b -> ((ObjectNode) b.get("frailty")).put("score", new java.math.BigInteger("9".repeat(40))));
        fields.put("frailty scale unknown", b -> ((ObjectNode) b.get("frailty")).put("scale", "CFS'--"));
        fields.put("referrer type unknown", b -> ((ObjectNode) b.get("referrer")).put("type", "SELF"));
        fields.put("referrer name 100 KB", b -> ((ObjectNode) b.get("referrer")).put("name", KB100));
        fields.put("hospital 100 KB", b -> b.put("hospital", KB100));
        fields.put("hospital as object", b -> b.putObject("hospital"));
        fields.put("hospital blank", b -> b.put("hospital", "   "));
        fields.put("unknown field", b -> b.put("processInstanceId", "123"));
        fields.put("unknown field __proto__", b -> b.putObject("__proto__").put("admin", true));
        int n = 0;
        for (Map.Entry<String, Consumer<ObjectNode>> field : fields.entrySet()) {
            ObjectNode body = referral(String.format("HOSTILE-F%03d", n++));
            field.getValue().accept(body);
            cases.add(new Hostile("referral: " + field.getKey(), "POST", "/api/referrals", "application/json",
                    body.toString(), null, 400));
        }
        cases.add(new Hostile("referral: same id, other content", "POST", "/api/referrals", "application/json",
                referral(EXISTING).put("hospital", "Et annet sykehus").toString(), null, 409));
        // ---- content types, methods and formats
        String valid = referral("HOSTILE-CT").toString();
        for (String type : new String[] { null, "text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "text/csv", "application/octet-stream" }) {
            cases.add(new Hostile("referral as " + type, "POST", "/api/referrals", type, valid, null, 415));
        }
        cases.add(new Hostile("referral asking for XML", "POST", "/api/referrals", "application/json", valid,
                "application/xml", 406));
        cases.add(new Hostile("PUT on referrals", "PUT", "/api/referrals", "application/json", valid, null, 405));
        cases.add(new Hostile("DELETE a pathway", "DELETE", "/api/pathways/" + EXISTING, null, null, null, 405));
        cases
            .add(new Hostile("pathway as XML", "GET", "/api/pathways/" + EXISTING, null, null, "application/xml", 406));
        // ---- path parameters
        for (String odd : new String[] { "%27%20OR%20%271%27%3D%271", "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                "..%2F..%2Fetc%2Fpasswd", "%00", "%C3%98lsen", "%E2%80%AE", "HOSTILE-EXISTING%20", "x".repeat(5000),
                "%25", "hostile-existing", "%22%7D", "%20", "HOSTILE-EXISTING%0D%0ASet-Cookie:x=y" }) {
            // an encoded slash or NUL is refused by Tomcat itself, before the
            // application: a plain 400; an encoded percent sign or line break by the
            // doors' firewall: a Norwegian 400
            int status = odd.contains("%2F") || odd.contains("%00") ? CONTAINER_400
                    : odd.contains("%25") || odd.contains("%0D") ? 400 : 404;
            cases.add(new Hostile("pathway " + shorten(odd), "GET", "/api/pathways/" + odd, null, null, null, status));
            cases.add(new Hostile("transfer of " + shorten(odd), "POST", "/api/pathways/" + odd + "/transfers",
                    "application/json", "{\"date\":\"" + TestClock.today() + "\",\"toHospital\":\"OUS\"}", null,
                    status));
            cases.add(new Hostile("termination of " + shorten(odd), "POST", "/api/pathways/" + odd + "/termination",
                    "application/json", "{\"date\":\"" + TestClock.today() + "\",\"reason\":\"DEATH\"}", null, status));
        }
        // ---- transfers and termination of an existing pathway
        String today = TestClock.today().toString();
        for (String[] bad : new String[][] { { "empty body", "" }, { "not JSON", "overfør" }, { "JSON array", "[]" },
                { "date missing", "{\"toHospital\":\"OUS\"}" }, { "hospital missing", "{\"date\":\"" + today + "\"}" },
                { "30 February", "{\"date\":\"2026-02-30\",\"toHospital\":\"OUS\"}" },
                { "year 0", "{\"date\":\"0000-01-01\",\"toHospital\":\"OUS\"}" },
                { "month 13", "{\"date\":\"2026-13-01\",\"toHospital\":\"OUS\"}" },
                { "9999-12-31", "{\"date\":\"9999-12-31\",\"toHospital\":\"OUS\"}" },
                { "0001-01-01", "{\"date\":\"0001-01-01\",\"toHospital\":\"OUS\"}" },
                { "date as number", "{\"date\":20260302,\"toHospital\":\"OUS\"}" },
                { "hospital 100 KB", "{\"date\":\"" + today + "\",\"toHospital\":\"" + KB100 + "\"}" },
                { "hospital as array", "{\"date\":\"" + today + "\",\"toHospital\":[\"OUS\"]}" },
                { "unknown field", "{\"date\":\"" + today + "\",\"toHospital\":\"OUS\",\"code\":\"A32X\"}" } }) {
            cases.add(new Hostile("transfer: " + bad[0], "POST", "/api/pathways/" + EXISTING + "/transfers",
                    "application/json", bad[1], null, 400));
        }
        cases.add(new Hostile("transfer as text/plain", "POST", "/api/pathways/" + EXISTING + "/transfers",
                "text/plain", "{\"date\":\"" + today + "\",\"toHospital\":\"OUS\"}", null, 415));
        for (String[] bad : new String[][] { { "empty body", "" },
                { "reason unknown", "{\"date\":\"" + today + "\",\"reason\":\"BORED\"}" },
                { "reason with SQL",
                        "{\"date\":\"" + today + "\",\"reason\":\"DEATH'; DELETE FROM pathway_code; --\"}" },
                { "reason as number", "{\"date\":\"" + today + "\",\"reason\":3}" },
                { "reason missing", "{\"date\":\"" + today + "\"}" },
                { "30 February", "{\"date\":\"2026-02-30\",\"reason\":\"DEATH\"}" },
                { "9999-12-31", "{\"date\":\"9999-12-31\",\"reason\":\"DEATH\"}" },
                { "0001-01-01", "{\"date\":\"0001-01-01\",\"reason\":\"DEATH\"}" },
                { "date with script", "{\"date\":\"<script>\",\"reason\":\"DEATH\"}" },
                { "unknown field", "{\"date\":\"" + today + "\",\"reason\":\"DEATH\",\"force\":true}" } }) {
            cases.add(new Hostile("termination: " + bad[0], "POST", "/api/pathways/" + EXISTING + "/termination",
                    "application/json", bad[1], null, 400));
        }
        // Spring would drop ";drop" and act on the pathway before it: a semicolon in the
        // path is refused
        cases.add(new Hostile("termination with ;matrix in the path", "POST",
                "/api/pathways/" + EXISTING + ";drop/termination", "application/json",
                "{\"date\":\"" + today + "\",\"reason\":\"DEATH\"}", null, 400));
        // ---- query parameters of the code export and the report
        for (String endpoint : new String[] { "/api/codes", "/api/reports/pathway-times" }) {
            for (String query : new String[] { "", "?from=2026-01-01", "?to=2026-01-01", "?from=&to=",
                    "?from=2026-13-01&to=2026-12-31", "?from=2026-02-30&to=2026-03-31",
                    "?from=0000-01-01&to=2026-01-01", "?from=abc&to=def", "?from=2026-12-31&to=2026-01-01",
                    "?from=2026-01-01%27%20OR%201%3D1&to=2026-12-31", "?from=%3Cscript%3E&to=2026-12-31",
                    "?from=2026-01-01&from=2026-02-01&to=2026-12-31", "?from=20260101&to=20261231",
                    "?from=" + "9".repeat(2000) + "&to=2026-12-31" }) {
                cases.add(new Hostile(endpoint + shorten(query), "GET", endpoint + query, null, null, null, 400));
            }
        }
        cases.add(new Hostile("codes as XML", "GET", "/api/codes?from=2026-01-01&to=2026-01-31", null, null,
                "application/xml", 406));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("api")
    void apiRefusesHostileInputWithANorwegianProblemAndChangesNothing(Hostile hostile) throws Exception {
        Map<String, Long> before = rows();
        HttpResponse<String> response = send(hostile.method(), hostile.path(), hostile.contentType(), hostile.body(),
                hostile.accept());
        TRIED.incrementAndGet();

        if (hostile.status() == CONTAINER_400) {
            assertThat(response.statusCode()).as("%s: %s", hostile, shorten(response.body())).isEqualTo(400);
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(rows()).as("rows after %s", hostile).isEqualTo(before);
            return;
        }
        assertThat(response.statusCode()).as("%s: %s", hostile, shorten(response.body())).isEqualTo(hostile.status());
        assertThat(response.headers().firstValue("Content-Type")).as(hostile.name())
            .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(hostile.status());
        assertThat(problem.path("title").asText()).isIn(NORWEGIAN_TITLES);
        assertReadable(problem.path("detail").asText());
        assertThat(problem.path("errors").isArray()).as(response.body()).isTrue();
        problem.path("errors").forEach(error -> assertReadable(error.path("message").asText()));
        if (hostile.status() == 400 && hostile.path().equals("/api/referrals") && !hostile.body().isEmpty()
                && hostile.body().startsWith("{\"referralId\"") && !hostile.name().contains("1 MB")) {
            assertThat(problem.path("errors")).as("a refused referral names its fields: %s", response.body())
                .isNotEmpty();
        }
        assertThat(rows()).as("rows after %s", hostile).isEqualTo(before);
    }

    // ------------------------------------------------------------------ /engine-rest
    // task completion

    /**
     * A variable set for completing registerFirstAttendance, and whether our validation
     * or Camunda refuses it.
     */
    record HostileCompletion(String name, String body, boolean ours, int status) {
        HostileCompletion(String name, String body, boolean ours) {
            this(name, body, ours, 400);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<HostileCompletion> completions() {
        String today = TestClock.today().toString();
        List<HostileCompletion> cases = new ArrayList<>();
        for (String[] date : new String[][] { { "no date", null }, { "30 February", "2026-02-30" },
                { "year 0", "0000-01-01" }, { "month 13", "2026-13-01" }, { "9999-12-31", "9999-12-31" },
                { "0001-01-01", "0001-01-01" }, { "SQL", "2026-03-02'; DROP TABLE pathway_code; --" },
                { "script", "<script>alert(1)</script>" }, { "100 KB", KB100 }, { "Norwegian format", "02.03.2026" },
                { "empty", "" } }) {
            String variables = (date[1] == null ? ""
                    : "\"firstAttendanceDate\":{\"value\":" + JSON.valueToTree(date[1]) + ",\"type\":\"String\"},")
                    + "\"firstAttendanceType\":{\"value\":\"OUTPATIENT\",\"type\":\"String\"}";
            cases.add(new HostileCompletion("date " + date[0], "{\"variables\":{" + variables + "}}", true));
        }
        String date = "\"firstAttendanceDate\":{\"value\":\"" + today + "\",\"type\":\"String\"}";
        for (String[] type : new String[][] { { "unknown type", "\"FOO\"" }, { "SQL", "\"OUTPATIENT' OR '1'='1\"" },
                { "script", "\"<img src=x onerror=alert(1)>\"" }, { "lower case", "\"outpatient\"" },
                { "100 KB", "\"" + KB100 + "\"" } }) {
            cases.add(new HostileCompletion("type " + type[0], "{\"variables\":{" + date
                    + ",\"firstAttendanceType\":{\"value\":" + type[1] + ",\"type\":\"String\"}}}", true));
        }
        cases.add(new HostileCompletion("type as integer",
                "{\"variables\":{" + date + ",\"firstAttendanceType\":{\"value\":3,\"type\":\"Integer\"}}}", true));
        cases.add(new HostileCompletion("date as Date", "{\"variables\":{\"firstAttendanceDate\":{\"value\":"
                + "\"2026-03-02T10:00:00.000+0100\",\"type\":\"Date\"},\"firstAttendanceType\":{\"value\":\"OUTPATIENT\","
                + "\"type\":\"String\"}}}", true));
        cases.add(new HostileCompletion("no variables", "{}", true));
        // what Camunda's REST layer refuses before the engine sees it
        cases.add(new HostileCompletion("not JSON", "avslutt", false));
        cases.add(new HostileCompletion("unclosed", "{\"variables\":{", false));
        cases.add(new HostileCompletion("integer that is text",
                "{\"variables\":{" + date + ",\"firstAttendanceType\":{\"value\":\"abc\",\"type\":\"Integer\"}}}",
                false));
        cases.add(new HostileCompletion("unknown value type",
                "{\"variables\":{" + date + ",\"firstAttendanceType\":{\"value\":\"OUTPATIENT\",\"type\":\"Evil\"}}}",
                false));
        cases.add(new HostileCompletion("serialized Java object", "{\"variables\":{" + date
                + ",\"x\":{\"value\":\"rO0ABXQAA2FiYw==\",\"type\":\"Object\",\"valueInfo\":{\"objectTypeName\":"
                + "\"java.lang.String\",\"serializationDataFormat\":\"application/x-java-serialized-object\"}}}}",
                false,
                // Camunda's own answer: Java serialization is off, the engine refuses
                // with an exception REST maps to 500
                500));
        cases.add(new HostileCompletion("variables as array", "{\"variables\":[1,2]}", false));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("completions")
    void engineRestRefusesHostileTaskVariablesAndChangesNothing(HostileCompletion hostile) throws Exception {
        String processInstanceId = jdbc.queryForObject("select process_instance_id from referral where referral_id = ?",
                String.class, EXISTING);
        Task task = tasks.createTaskQuery()
            .processInstanceId(processInstanceId)
            .taskDefinitionKey("registerFirstAttendance")
            .singleResult();
        assertThat(task).isNotNull();
        Map<String, Long> before = rows();

        HttpResponse<String> response = send("POST", "/engine-rest/task/" + task.getId() + "/complete",
                "application/json", hostile.body(), null);
        TRIED.incrementAndGet();

        assertThat(response.statusCode()).as("%s: %s", hostile, shorten(response.body())).isEqualTo(hostile.status());
        assertThat(response.body()).doesNotContain("\tat ");
        if (hostile.ours() || hostile.status() == 500) {
            JsonNode error = JSON.readTree(response.body());
            assertThat(error.path("type").asText()).as(response.body()).isNotBlank();
            assertThat(error.path("message").asText()).isNotBlank();
        }
        if (hostile.ours()) {
            String message = JSON.readTree(response.body()).path("message").asText();
            // the staff message of the milestone validation, in Norwegian
            assertThat(message).as(message).containsAnyOf("Dato for første fremmøte", "første fremmøte", "fremmøte");
        }
        assertThat(rows()).as("rows after %s", hostile).isEqualTo(before);
        assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("the task is still open").isOne();
    }

    @Test
    void engineRestAnswersAnOddTaskIdWith404() throws Exception {
        Map<String, Long> before = rows();
        for (String odd : new String[] { "%27%20OR%201%3D1", "%3Cscript%3E", "..%2F..%2Fengine", "x".repeat(3000) }) {
            HttpResponse<String> response = send("POST", "/engine-rest/task/" + odd + "/complete", "application/json",
                    "{\"variables\":{}}", null);
            TRIED.incrementAndGet();
            // Camunda answers an unknown task id with 500 ("task is null"); an encoded
            // slash is Tomcat's 400
            assertThat(response.statusCode()).as("%s: %s", shorten(odd), response.body()).isIn(400, 404, 500);
            assertThat(response.body()).doesNotContain("\tat ");
        }
        assertThat(rows()).isEqualTo(before);
    }

    // ------------------------------------------------------------------ free text is
    // free text

    @Test
    void sqlAndScriptInFreeTextIsStoredVerbatimAndNothingRuns() throws Exception {
        String name = "Robert'); DROP TABLE referral; -- <script>alert('x')</script>";
        String medications = "'; DELETE FROM pathway_code; -- \" OR 1=1 /* */ ${7*7} #{7*7} {{7*7}} \u0000? no";
        medications = medications.replace("\u0000", "");
        String comorbidity = "<img src=x onerror=alert(document.cookie)> & </textarea> \\\" \u202Edrow";
        String hospital = "=HYPERLINK(\"http://x\")";
        ObjectNode body = referral("HOSTILE-FREETEXT");
        ((ObjectNode) body.get("patient")).put("name", name);
        body.put("medications", medications);
        body.put("comorbidity", comorbidity);
        body.put("hospital", hospital);
        long referrals = rows().get("referral");

        HttpResponse<String> created = send("POST", "/api/referrals", "application/json", body.toString(), null);
        TRIED.incrementAndGet();

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Map<String, Object> row = jdbc.queryForMap("select patient_name, hospital, process_instance_id from referral "
                + "where referral_id = 'HOSTILE-FREETEXT'");
        assertThat(row.get("PATIENT_NAME") != null ? row.get("PATIENT_NAME") : row.get("patient_name")).isEqualTo(name);
        String pi = String.valueOf(row.get("PROCESS_INSTANCE_ID") != null ? row.get("PROCESS_INSTANCE_ID")
                : row.get("process_instance_id"));
        assertThat(jdbc.queryForObject("select text_ from act_ru_variable where proc_inst_id_ = ? and name_ = ?",
                String.class, pi, "medications"))
            .isEqualTo(medications);
        assertThat(jdbc.queryForObject("select text_ from act_ru_variable where proc_inst_id_ = ? and name_ = ?",
                String.class, pi, "comorbidity"))
            .isEqualTo(comorbidity);
        assertThat(jdbc.queryForObject(
                "select hospital from pathway_code where process_instance_id = ? and code = 'A32A'", String.class, pi))
            .isEqualTo(hospital);
        // nothing ran: every table is there, and only this one referral was added
        for (String table : TABLES) {
            assertThat(jdbc.queryForObject("select count(*) from " + table, Long.class)).isNotNull();
        }
        assertThat(rows().get("referral")).isEqualTo(referrals + 1);

        // JSON answers carry the text JSON-escaped, and it reads back exactly
        String received = body.path("receivedDate").asText();
        HttpResponse<String> codes = send("GET", "/api/codes?from=" + received + "&to=" + received, null, null,
                "application/json");
        assertThat(codes.statusCode()).isEqualTo(200);
        assertThat(codes.body()).doesNotContain("<script>").contains("=HYPERLINK(\\\"http://x\\\")");
        JsonNode exported = null;
        for (JsonNode code : JSON.readTree(codes.body())) {
            if (code.path("referralId").asText().equals("HOSTILE-FREETEXT")) {
                exported = code;
            }
        }
        assertThat(exported).isNotNull();
        assertThat(exported.path("hospital").asText()).isEqualTo(hospital);

        // the CSV export neutralises the formula and quotes it
        HttpResponse<String> csv = send("GET", "/api/codes?from=" + received + "&to=" + received, null, null,
                "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).contains("\r\nHOSTILE-FREETEXT," + nationalIdFor("HOSTILE-FREETEXT") + ",A32A,"
                + received + ",\"'=HYPERLINK(\"\"http://x\"\")\",REGISTERED,,A32\r\n");
        for (String line : csv.body().split("\r\n")) {
            for (String cell : line.split(",")) {
                String unquoted = cell.startsWith("\"") ? cell.substring(1) : cell;
                assertThat(unquoted).as("CSV cell %s", cell)
                    .doesNotStartWith("=")
                    .doesNotStartWith("+")
                    .doesNotStartWith("@");
            }
        }
        HttpResponse<String> status = send("GET", "/api/pathways/HOSTILE-FREETEXT", null, null, "application/json");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.headers().firstValue("Content-Type"))
            .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    }

    // ------------------------------------------------------------------ helpers

    static void assertReadable(String message) {
        assertThat(message).isNotBlank()
            .doesNotContain("Exception")
            .doesNotContain("java.")
            .doesNotContain("org.")
            .doesNotContain("\tat ");
        assertThat(message.length()).as("a short message, not an echo of the input: %s", shorten(message))
            .isLessThan(1000);
    }

    static ObjectNode referral(String referralId) {
        return JSON.valueToTree(ReferralBodies.referral(referralId, TestClock.today().minusDays(3), "Helse Bergen HF"));
    }

    private Map<String, Long> rows() {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : TABLES) {
            rows.put(table, jdbc.queryForObject("select count(*) from " + table, Long.class));
        }
        return rows;
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body, String accept)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization",
                    "Basic " + Base64.getEncoder()
                        .encodeToString((ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
            .header("Accept", accept == null ? "application/json" : accept)
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String shorten(String text) {
        return text == null ? "null" : text.length() > 80 ? text.substring(0, 80) + "…(" + text.length() + ")" : text;
    }

}
