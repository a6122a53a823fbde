package no.pakkeforlop.security;

import static no.pakkeforlop.testsupport.TestData.ADMIN;
import static no.pakkeforlop.testsupport.TestData.COORDINATOR;
import static no.pakkeforlop.testsupport.TestData.MANAGER;
import static no.pakkeforlop.testsupport.TestData.MDT;
import static no.pakkeforlop.testsupport.TestData.OUTSIDER;
import static no.pakkeforlop.testsupport.TestData.PASSWORD;
import static no.pakkeforlop.testsupport.TestData.PHYSICIAN;
import static no.pakkeforlop.testsupport.TestData.REPORTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import no.pakkeforlop.testsupport.WebappSession;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.impl.juel.ExpressionFactoryImpl;
import org.camunda.bpm.impl.juel.SimpleContext;
import org.camunda.bpm.impl.juel.SimpleResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.FunctionMapper;
import org.camunda.bpm.impl.juel.jakarta.el.VariableMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Issue 21, finding 1: any login could make the engine evaluate a JUEL expression it sent
 * in the {@code orQueries} of a task query, and so run an operating-system command. The
 * same attempt, for every {@code *Expression} key of the task query, in every query
 * resource that takes {@code orQueries}, through engine REST and through the Tasklist
 * session API, as each demo role, is refused with 400 naming the key and leaves no file;
 * through the Java API the engine refuses it, and its expression manager refuses the
 * reflection even where the engine itself evaluates the expression.
 */
class NoDoorRunsCodeTest extends SecurityTestSupport {

    /** Every expression key of Camunda 7.24's task query (TaskQueryDto). */
    static final List<String> TASK_EXPRESSION_KEYS = List.of("assigneeExpression", "assigneeLikeExpression",
            "candidateGroupExpression", "candidateGroupsExpression", "candidateUserExpression",
            "createdAfterExpression", "createdBeforeExpression", "createdOnExpression", "dueAfterExpression",
            "dueBeforeExpression", "dueDateExpression", "followUpAfterExpression", "followUpBeforeExpression",
            "followUpBeforeOrNotExistentExpression", "followUpDateExpression", "involvedUserExpression",
            "ownerExpression", "processInstanceBusinessKeyExpression", "processInstanceBusinessKeyLikeExpression",
            "updatedAfterExpression");

    /** The query resources of engine REST that take {@code orQueries}. */
    static final List<String> QUERIES_WITH_OR = List.of("/task", "/task/count", "/history/task", "/history/task/count",
            "/process-instance", "/process-instance/count", "/history/process-instance",
            "/history/process-instance/count");

    static final String PRIVACY_OFFICER = "personvernombud";

    static final List<String> ROLES = List.of(COORDINATOR, PHYSICIAN, MDT, MANAGER, REPORTER, PRIVACY_OFFICER, OUTSIDER,
            ADMIN);

    @Autowired
    FilterService filters;

    @Autowired
    AuthorizationService authorizations;

    @LocalServerPort
    int port;

    Path marker;

    @BeforeEach
    void privacyOfficerAndMarker() throws IOException {
        if (identity.createUserQuery().userId(PRIVACY_OFFICER).count() == 0) {
            var user = identity.newUser(PRIVACY_OFFICER);
            user.setFirstName("Personvern");
            user.setLastName("Testbruker");
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(PRIVACY_OFFICER, StaffGroups.PRIVACY);
        }
        marker = Files.createTempDirectory("rce").resolve("created");
    }

    @AfterEach
    void noFile() throws IOException {
        assertThat(marker).as("the command ran on the server").doesNotExist();
        Files.deleteIfExists(marker.getParent());
    }

    /** The issue's attempt: runs {@code touch} through reflection. */
    String payload() {
        return "${\"\".getClass().forName(\"java.lang.Runtime\").getMethod(\"getRuntime\").invoke(null)"
                + ".exec(\"touch " + marker + "\")}";
    }

    ObjectNode orQuery(String key, String expression) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("orQueries").addObject().put(key, expression);
        return body;
    }

    static void refusedNaming(String door, int status, String body, String key) {
        assertThat(status).as(door + " " + key + ": " + body).isEqualTo(400);
        assertThat(body).as(door).contains(key);
    }

    @Test
    void thePayloadIsLiveWhereNothingRefusesIt() throws Exception {
        // the control: evaluated by plain JUEL, the attempt does run the command
        ExpressionFactoryImpl factory = new ExpressionFactoryImpl();
        SimpleContext plain = new SimpleContext(new SimpleResolver());
        Object process = factory.createValueExpression(plain, payload(), Object.class).getValue(plain);
        assertThat(((Process) process).waitFor()).isZero();
        assertThat(marker).exists();
        Files.delete(marker);

        // the same through the engine's resolver with our rule in front: refused before
        // any call
        ELContext safe = context(new SafeExpressionManager.NoReflection(new SimpleResolver()));
        assertThatThrownBy(() -> factory.createValueExpression(safe, payload(), Object.class).getValue(safe))
            .hasStackTraceContaining("is not allowed in an expression");
    }

    private static ELContext context(ELResolver resolver) {
        return new ELContext() {
            @Override
            public ELResolver getELResolver() {
                return resolver;
            }

            @Override
            public FunctionMapper getFunctionMapper() {
                return null;
            }

            @Override
            public VariableMapper getVariableMapper() {
                return null;
            }
        };
    }

    @Test
    void everyRoleIsRefusedEveryExpressionKeyInOrQueriesOfTheTaskQuery() {
        for (String role : ROLES) {
            for (String key : TASK_EXPRESSION_KEYS) {
                ResponseEntity<String> answer = post(role, "/engine-rest/task/count", orQuery(key, payload()));
                refusedNaming(role, answer.getStatusCode().value(), answer.getBody(), key);
            }
        }
    }

    @Test
    void everyQueryResourceWithOrQueriesRefusesEveryExpressionKey() {
        for (String resource : QUERIES_WITH_OR) {
            for (String key : TASK_EXPRESSION_KEYS) {
                ResponseEntity<String> answer = post(COORDINATOR, "/engine-rest" + resource, orQuery(key, payload()));
                refusedNaming(resource, answer.getStatusCode().value(), answer.getBody(), key);
            }
        }
    }

    @Test
    void expressionsAreRefusedAtTheTopInQueryParametersDeeperAndWhateverTheirCase() {
        String encoded = URLEncoder.encode(payload(), StandardCharsets.UTF_8);
        for (String key : TASK_EXPRESSION_KEYS) {
            ResponseEntity<String> asParameter = get(REPORTER, "/engine-rest/task?" + key + "=" + encoded);
            refusedNaming("GET", asParameter.getStatusCode().value(), asParameter.getBody(), key);
            ResponseEntity<String> countParameter = get(REPORTER, "/engine-rest/task/count?" + key + "=" + encoded);
            refusedNaming("GET count", countParameter.getStatusCode().value(), countParameter.getBody(), key);
        }
        ObjectNode top = JSON.createObjectNode().put("candidateGroupExpression", payload());
        ResponseEntity<String> atTop = post(MANAGER, "/engine-rest/task", top);
        refusedNaming("top", atTop.getStatusCode().value(), atTop.getBody(), "candidateGroupExpression");

        ObjectNode deeper = JSON.createObjectNode();
        deeper.putArray("orQueries").addObject().putArray("orQueries").addObject().put("AssigneeEXPRESSION", payload());
        ResponseEntity<String> nested = post(PHYSICIAN, "/engine-rest/task/count", deeper);
        refusedNaming("nested", nested.getStatusCode().value(), nested.getBody(), "AssigneeEXPRESSION");

        // a harmless expression is refused too: none arrives from outside
        ResponseEntity<String> harmless = post(COORDINATOR, "/engine-rest/task/count",
                orQuery("assigneeExpression", "${currentUser()}"));
        refusedNaming("harmless", harmless.getStatusCode().value(), harmless.getBody(), "assigneeExpression");
        // and the query without it answers
        ResponseEntity<String> plain = post(COORDINATOR, "/engine-rest/task/count", JSON.createObjectNode());
        assertThat(plain.getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void theTasklistSessionApiRefusesTheSame() {
        for (String role : List.of(COORDINATOR, PHYSICIAN, MDT)) {
            WebappSession session = WebappSession.login(port, "tasklist", role, PASSWORD);
            for (String key : TASK_EXPRESSION_KEYS) {
                for (String resource : List.of("/task/count", "/task", "/history/task/count")) {
                    HttpResponse<String> answer = session.post("/camunda/api/engine/engine/default" + resource,
                            text(orQuery(key, payload())));
                    refusedNaming("tasklist " + role + resource, answer.statusCode(), answer.body(), key);
                }
            }
            HttpResponse<String> plain = session.post("/camunda/api/engine/engine/default/task/count", "{}");
            assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
        }
    }

    @Test
    void theJavaApiRefusesOrQueryExpressionsFromAUser() {
        asUser(COORDINATOR, List.of(StaffGroups.COORDINATOR),
                () -> assertThatThrownBy(
                        () -> tasks.createTaskQuery().or().taskCandidateGroupExpression(payload()).endOr().count())
                    .isInstanceOf(BadUserRequestException.class)
                    .hasMessageContaining("candidateGroupExpression"));
        // the engine itself refuses one at the top
        asUser(ADMIN, List.of("camunda-admin"),
                () -> assertThatThrownBy(() -> tasks.createTaskQuery().taskAssigneeExpression(payload()).count())
                    .isInstanceOf(BadUserRequestException.class));
    }

    @Test
    void whereTheEngineEvaluatesAnExpressionItselfReflectionIsRefused() {
        // the application's own call (no user) evaluates or-query expressions: the
        // expression manager refuses the reflection in it
        assertThatThrownBy(() -> tasks.createTaskQuery().or().taskCandidateGroupExpression(payload()).endOr().count())
            .isInstanceOf(ProcessEngineException.class)
            .hasStackTraceContaining("is not allowed in an expression");
        // Tasklist's own functions still evaluate
        assertThat(tasks.createTaskQuery()
            .or()
            .dueAfterExpression("${dateTime().minusDays(1).toDate()}")
            .taskAssignee("ingen")
            .endOr()
            .count()).isNotNegative();
    }

    @Test
    void onlyAnOperatorStoresAFilterWithExpressionsAndOnlyTasklistsOwn() {
        long before = filters.createFilterQuery().count();
        ObjectNode mine = JSON.createObjectNode().put("resourceType", "Task").put("name", "Mine oppgaver (test)");
        mine.putObject("query").put("assigneeExpression", "${currentUser()}");
        ResponseEntity<String> byCoordinator = post(COORDINATOR, "/engine-rest/filter/create", mine);
        assertThat(byCoordinator.getStatusCode().value()).as(byCoordinator.getBody()).isEqualTo(403);

        ObjectNode evil = JSON.createObjectNode().put("resourceType", "Task").put("name", "Ondsinnet");
        evil.putObject("query").put("candidateGroupExpression", payload());
        ResponseEntity<String> evilByAdmin = post(ADMIN, "/engine-rest/filter/create", evil);
        refusedNaming("admin filter", evilByAdmin.getStatusCode().value(), evilByAdmin.getBody(),
                "candidateGroupExpression");
        ObjectNode evilOr = JSON.createObjectNode().put("resourceType", "Task").put("name", "Ondsinnet");
        evilOr.putObject("query").putArray("orQueries").addObject().put("dueAfterExpression", payload());
        ResponseEntity<String> evilOrByAdmin = post(ADMIN, "/engine-rest/filter/create", evilOr);
        refusedNaming("admin or-filter", evilOrByAdmin.getStatusCode().value(), evilOrByAdmin.getBody(),
                "dueAfterExpression");
        assertThat(filters.createFilterQuery().count()).isEqualTo(before);

        ResponseEntity<String> byAdmin = post(ADMIN, "/engine-rest/filter/create", mine);
        assertThat(byAdmin.getStatusCode().value()).as(byAdmin.getBody()).isEqualTo(200);
        String id = json(byAdmin).path("id").asText();
        try {
            ResponseEntity<String> count = post(ADMIN, "/engine-rest/filter/" + id + "/count", JSON.createObjectNode());
            assertThat(count.getStatusCode().value()).as(count.getBody()).isEqualTo(200);
            // changing it to the attempt is refused, and it stays as it was
            ResponseEntity<String> changed = send(ADMIN, HttpMethod.PUT, "/engine-rest/filter/" + id, evil);
            refusedNaming("admin change", changed.getStatusCode().value(), changed.getBody(),
                    "candidateGroupExpression");
            assertThat(filters.getFilter(id).getName()).isEqualTo("Mine oppgaver (test)");
        }
        finally {
            filters.deleteFilter(id);
        }
    }

    @Test
    void aStoredFilterWithAForeignExpressionIsRefusedWhenItRuns() {
        Filter stored = filters.newTaskFilter("Lagret ondsinnet")
            .setQuery(tasks.createTaskQuery().taskCandidateGroupExpression(payload()));
        filters.saveFilter(stored);
        Authorization read = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        read.setGroupId(StaffGroups.COORDINATOR);
        read.setResource(Resources.FILTER);
        read.setResourceId(stored.getId());
        read.addPermission(Permissions.READ);
        authorizations.saveAuthorization(read);
        try {
            for (String call : List.of("/list", "/count")) {
                ResponseEntity<String> answer = post(COORDINATOR, "/engine-rest/filter/" + stored.getId() + call,
                        JSON.createObjectNode());
                refusedNaming("stored" + call, answer.getStatusCode().value(), answer.getBody(),
                        "candidateGroupExpression");
                assertThat(json(answer).path("message").asText()).contains("Lagret ondsinnet");
            }
            asUser(COORDINATOR, List.of(StaffGroups.COORDINATOR),
                    () -> assertThatThrownBy(() -> filters.count(stored.getId()))
                        .isInstanceOf(BadUserRequestException.class));
        }
        finally {
            authorizations.deleteAuthorization(read.getId());
            filters.deleteFilter(stored.getId());
        }
    }

    @Test
    void ourTasklistFiltersStillWorkAndCannotBeExtendedWithAnExpression() {
        ResponseEntity<String> list = get(COORDINATOR, "/engine-rest/filter?resourceType=Task");
        assertThat(list.getStatusCode().value()).isEqualTo(200);
        JsonNode shown = json(list);
        assertThat(shown.findValuesAsText("name")).contains("Mine oppgaver", "Frist innen 3 dager");
        for (JsonNode filter : shown) {
            String id = filter.path("id").asText();
            ResponseEntity<String> count = post(COORDINATOR, "/engine-rest/filter/" + id + "/count",
                    JSON.createObjectNode());
            assertThat(count.getStatusCode().value()).as(filter.path("name") + " " + count.getBody()).isEqualTo(200);
            ResponseEntity<String> extended = post(COORDINATOR, "/engine-rest/filter/" + id + "/list",
                    orQuery("assigneeExpression", payload()));
            refusedNaming("extending " + filter.path("name"), extended.getStatusCode().value(), extended.getBody(),
                    "assigneeExpression");
        }
        WebappSession session = WebappSession.login(port, "tasklist", COORDINATOR, PASSWORD);
        HttpResponse<String> viaTasklist = session.post(
                "/camunda/api/engine/engine/default/filter/" + shown.get(0).path("id").asText() + "/list",
                text(orQuery("followUpBeforeExpression", payload())));
        refusedNaming("tasklist filter", viaTasklist.statusCode(), viaTasklist.body(), "followUpBeforeExpression");
    }

}
