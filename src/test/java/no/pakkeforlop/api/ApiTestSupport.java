package no.pakkeforlop.api;

import static no.pakkeforlop.testsupport.TestData.ADMIN;
import static no.pakkeforlop.testsupport.TestData.ADMIN_PASSWORD;
import static no.pakkeforlop.testsupport.TestData.COMORBIDITY;
import static no.pakkeforlop.testsupport.TestData.COORDINATOR;
import static no.pakkeforlop.testsupport.TestData.MANAGER;
import static no.pakkeforlop.testsupport.TestData.MDT;
import static no.pakkeforlop.testsupport.TestData.MEDICATIONS;
import static no.pakkeforlop.testsupport.TestData.OSLO;
import static no.pakkeforlop.testsupport.TestData.OUTSIDER;
import static no.pakkeforlop.testsupport.TestData.PASSWORD;
import static no.pakkeforlop.testsupport.TestData.PATIENT_NAME;
import static no.pakkeforlop.testsupport.TestData.PHYSICIAN;
import static no.pakkeforlop.testsupport.TestData.REFERRER_NAME;
import static no.pakkeforlop.testsupport.TestData.REPORTER;
import static no.pakkeforlop.testsupport.TestData.nationalIdFor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import no.pakkeforlop.rules.PathwayInstances;
import no.pakkeforlop.codes.CodeRegistry;
import no.pakkeforlop.security.StaffGroups;
import no.pakkeforlop.testsupport.FormAnswers;
import no.pakkeforlop.testsupport.TestDatabase;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The application over real HTTP, shared by every API test class (one Spring context, one
 * database): the staff users of each group, requests as one of them, and the engine
 * clock, which tests set to a day in Oslo. Tests use their own referral ids and their own
 * date ranges, so they do not see each other's pathways.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "camunda.bpm.job-execution.enabled=false", "camunda.bpm.admin-user.id=restadmin",
                "camunda.bpm.admin-user.password=Rest-admin-passord-1",
                // as behind the hospital's proxy: tests give a client's address and
                // scheme
                // with X-Forwarded-For and X-Forwarded-Proto
                "server.forward-headers-strategy=native" })
public abstract class ApiTestSupport {

    protected static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    protected TestRestTemplate http;

    @Autowired
    protected IdentityService identity;

    @Autowired
    protected RuntimeService runtime;

    @Autowired
    protected org.camunda.bpm.engine.RepositoryService repository;

    @Autowired
    protected TaskService tasks;

    /**
     * The real management service, which a test may make run a job "a moment earlier", as
     * the job executor would.
     */
    @MockitoSpyBean
    protected ManagementService management;

    @Autowired
    protected JdbcTemplate jdbc;

    /** The real registry, which a test may tell to fail once. */
    @MockitoSpyBean
    protected CodeRegistry codeRegistry;

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "rest");
    }

    @Autowired
    private ProcessEngine engine;

    private ProcessEngine previousEngine;

    /**
     * /engine-rest and the webapps find their engine by name in Camunda's static
     * registry, where every Spring context of the test run registers its engine as
     * "default". While a test of this class runs, that is ours.
     */
    @BeforeEach
    void engineRestServesThisContextsEngine() {
        previousEngine = ProcessEngines.getProcessEngines().get(engine.getName());
        ProcessEngines.registerProcessEngine(engine);
    }

    @AfterEach
    void restoreRegisteredEngine() {
        if (previousEngine != null && previousEngine != engine) {
            ProcessEngines.registerProcessEngine(previousEngine);
        }
    }

    @BeforeEach
    void staff() {
        user(COORDINATOR, StaffGroups.COORDINATOR);
        user(PHYSICIAN, StaffGroups.PHYSICIAN);
        user(MDT, StaffGroups.MDT);
        user(MANAGER, StaffGroups.MANAGEMENT);
        user(REPORTER, StaffGroups.REPORTING);
        user(OUTSIDER, null);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private void user(String id, String group) {
        if (identity.createUserQuery().userId(id).count() > 0) {
            return;
        }
        User user = identity.newUser(id);
        user.setFirstName(id);
        user.setLastName("Testbruker");
        user.setPassword(PASSWORD);
        identity.saveUser(user);
        if (group != null) {
            identity.createMembership(id, group);
        }
    }

    // ------------------------------------------------------------------ clock

    /** Sets the engine clock to midday in Oslo on the given date. */
    protected static void today(String date) {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(LocalDate.parse(date), LocalTime.NOON, OSLO).toInstant()));
    }

    // ------------------------------------------------------------------ HTTP

    protected TestRestTemplate as(String user) {
        return http.withBasicAuth(user, user.equals(ADMIN) ? ADMIN_PASSWORD : PASSWORD);
    }

    protected ResponseEntity<String> post(String user, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        return as(user).exchange(path, HttpMethod.POST, new HttpEntity<>(text(body), headers), String.class);
    }

    protected ResponseEntity<String> get(String user, String path) {
        return get(user, path, MediaType.APPLICATION_JSON_VALUE);
    }

    protected ResponseEntity<String> get(String user, String path, String accept) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.ACCEPT, accept);
        return as(user).exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    protected static String text(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static JsonNode json(ResponseEntity<String> response) {
        try {
            return JSON.readTree(response.getBody());
        }
        catch (Exception e) {
            throw new AssertionError("Not JSON: " + response.getBody(), e);
        }
    }

    /** The {@code errors} of a problem answer as "field: message". */
    protected static List<String> errors(ResponseEntity<String> response) {
        return json(response).path("errors").findValues("field").stream().map(JsonNode::asText).toList();
    }

    // ------------------------------------------------------------------ referrals

    /**
     * A valid referral body as contract.md shows it; tests change or remove fields of it.
     */
    protected static ObjectNode referral(String referralId, String receivedDate) {
        ObjectNode body = JSON.createObjectNode();
        body.put("referralId", referralId);
        body.putObject("patient").put("nationalId", nationalIdFor(referralId)).put("name", PATIENT_NAME);
        body.put("receivedDate", receivedDate);
        body.put("startBasis", "MARKED_REFERRAL");
        body.putArray("suspicionCriteria").add("DYSPHAGIA_OVER_2_WEEKS").add("WEIGHT_LOSS_WITH_UPPER_ABDOMINAL_PAIN");
        body.put("medications", MEDICATIONS);
        body.put("comorbidity", COMORBIDITY);
        body.putObject("frailty").put("scale", "CFS").put("score", 4);
        body.putObject("referrer").put("type", "GP").put("name", REFERRER_NAME);
        body.put("hospital", "Helse Bergen HF");
        return body;
    }

    /**
     * Registers a referral through the API as the coordinator, on its received date;
     * returns the process instance id.
     */
    protected String startPathway(String referralId, String receivedDate) {
        today(receivedDate);
        ResponseEntity<String> response = post(COORDINATOR, "/api/referrals", referral(referralId, receivedDate));
        if (response.getStatusCode().value() != 201) {
            throw new AssertionError("Referral not registered: " + response.getStatusCode() + " " + response.getBody());
        }
        return json(response).get("processInstanceId").asText();
    }

    /** A pathway's codes as "CODE yyyy-MM-dd", in the order registered. */
    protected static List<String> codes(JsonNode pathway) {
        return pathway.get("codes")
            .findParents("code")
            .stream()
            .map(c -> c.get("code").asText() + " " + c.get("date").asText())
            .toList();
    }

    /**
     * A pathway's process instances: its own and those it calls (the parts every pathway
     * shares).
     */
    protected String[] instancesOf(String processInstanceId) {
        return PathwayInstances.of(runtime, processInstanceId).toArray(String[]::new);
    }

    /** The task keys open in a pathway (in its own or a called instance), sorted. */
    protected List<String> openTasks(String processInstanceId) {
        return tasks.createTaskQuery()
            .processInstanceIdIn(instancesOf(processInstanceId))
            .list()
            .stream()
            .map(Task::getTaskDefinitionKey)
            .sorted()
            .toList();
    }

    // ------------------------------------------------------------------ milestones, as
    // staff do them in Tasklist

    protected void complete(String processInstanceId, String taskKey, String date, Map<String, Object> variables) {
        today(date);
        Task task = tasks.createTaskQuery()
            .processInstanceIdIn(instancesOf(processInstanceId))
            .taskDefinitionKey(taskKey)
            .singleResult();
        if (task == null) {
            throw new AssertionError("No open task " + taskKey + " in " + processInstanceId);
        }
        tasks.complete(task.getId(), variables);
    }

    protected void runJob(String processInstanceId, String activityId) {
        Job job = management.createJobQuery()
            .processInstanceId(processInstanceId)
            .activityId(activityId)
            .singleResult();
        if (job == null) {
            throw new AssertionError("No job at " + activityId + " in " + processInstanceId);
        }
        management.executeJob(job.getId());
    }

    protected void firstAttendance(String pi, String date) {
        complete(pi, "registerFirstAttendance", date,
                Map.of("firstAttendanceDate", date, "firstAttendanceType", "OUTPATIENT"));
        runJob(pi, "registerFirstAttendanceCode");
    }

    protected void cancerFound(String pi, String endoscopyDate, String mdtDate) {
        complete(pi, "registerEndoscopyResult", endoscopyDate,
                Map.of("endoscopyDate", endoscopyDate, "endoscopyResult", "OESOPHAGEAL_OR_GASTRIC_CANCER"));
        complete(pi, "mdtAssessment", mdtDate, mdtRecord(mdtDate));
    }

    /**
     * The MDT's record for T3 N1 M0, ECOG 1, operable and resectable: group 2, as the
     * table proposes.
     */
    protected static Map<String, Object> mdtRecord(String mdtDate) {
        Map<String, Object> v = new java.util.HashMap<>(Map.of("mdtDate", mdtDate, "tumourSite", "STOMACH", "histology",
                "ADENOCARCINOMA", "tStage", "T3", "nStage", "N1", "mStage", "M0", "ecog", 1, "medicallyOperable", true,
                "technicallyResectable", true));
        v.putAll(Map.of("mdtOncologistPresent", true, "mdtSurgeonPresent", true, "mdtRadiologistPresent", true,
                "mdtCoordinatorPresent", true, "treatmentGroup", "SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION",
                "mdtRecommendation", "Perioperativ kjemoterapi, deretter kirurgi."));
        return v;
    }

    protected void decision(String pi, String date, String code, String plannedTreatment) {
        decision(pi, date, code, plannedTreatment, Map.of());
    }

    /**
     * The decision with more of the form's values: a reason it needs, e.g.
     * {@code planChangeReason} for symptom relief only in groups 1-3.
     */
    protected void decision(String pi, String date, String code, String plannedTreatment, Map<String, Object> more) {
        Map<String, Object> variables = new java.util.HashMap<>(more);
        variables.putAll(Map.of("decisionDate", date, "decisionCode", code));
        if (plannedTreatment != null) {
            variables.put("plannedTreatment", plannedTreatment);
        }
        complete(pi, "clinicalDecision", date, variables);
        runJob(pi, "registerDecisionCode");
    }

    /**
     * The talk before treatment (information for consent), which the treatment start
     * needs.
     */
    protected void consentGiven(String pi, String date) {
        complete(pi, "informBeforeTreatment", date, FormAnswers.complete("informBeforeTreatment"));
    }

    /** The treatment starts as planned (surgery first: A32FK). */
    protected void treatmentStart(String pi, String date) {
        consentGiven(pi, date);
        complete(pi, "registerTreatmentStart", date,
                Map.of("treatmentStartDate", date, "treatmentStarted", runtime.getVariable(pi, "plannedTreatment")));
        runJob(pi, "registerTreatmentStartCode");
    }

    /**
     * A pathway from referral to treatment start: A32A, A32S, A32CK, A32FK (surgery) on
     * the given dates.
     */
    protected String treatedPathway(String referralId, String referral, String firstAttendance, String decision,
            String treatment) {
        String pi = startPathway(referralId, referral);
        firstAttendance(pi, firstAttendance);
        cancerFound(pi, firstAttendance, decision);
        decision(pi, decision, "CK", "SURGERY");
        treatmentStart(pi, treatment);
        return pi;
    }

    /** One row, with lower-case column names whatever the database. */
    protected Map<String, Object> row(String sql, Object... args) {
        Map<String, Object> row = new java.util.HashMap<>();
        jdbc.queryForMap(sql, args)
            .forEach((column, value) -> row.put(column.toLowerCase(java.util.Locale.ROOT), value));
        return row;
    }

    protected long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

}
