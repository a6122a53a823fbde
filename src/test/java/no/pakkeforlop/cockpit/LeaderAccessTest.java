package no.pakkeforlop.cockpit;

import static no.pakkeforlop.testsupport.TestData.MANAGER;
import static no.pakkeforlop.testsupport.TestData.allNationalIds;
import static no.pakkeforlop.testsupport.TestData.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import no.pakkeforlop.api.ApiTestSupport;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

/**
 * The leader (group leder) follows the pathways in Cockpit and nothing more: no task
 * work, no changes, no patient variables, whether through /engine-rest (HTTP Basic) or
 * through the web applications' engine API (the Cockpit session). The variable reads
 * depend on the engine's need-to-know settings (enforceSpecificVariablePermission, owned
 * by the security work); they are tested here all the same.
 */
class LeaderAccessTest extends ApiTestSupport {

    static final String WEBAPP_ENGINE = "/camunda/api/engine/engine/default/";

    @LocalServerPort
    int port;

    @Autowired
    AuthorizationService authorizations;

    private String pathway(String referralId) {
        return startPathway(referralId, "2026-03-02");
    }

    @Test
    void theLeaderMayOpenCockpitButNotTasklist() {
        assertThat(authorizations.isUserAuthorized(MANAGER, List.of("leder"), Permissions.ACCESS, Resources.APPLICATION,
                "cockpit"))
            .isTrue();
        assertThat(authorizations.isUserAuthorized(MANAGER, List.of("leder"), Permissions.ACCESS, Resources.APPLICATION,
                "tasklist"))
            .isFalse();
        CockpitSession.login(port, "cockpit", MANAGER, PASSWORD);
    }

    @Test
    void theLeaderCannotCompleteClaimOrChangeATask() {
        String pi = pathway("HEN-LEDER-TASK");
        Task task = tasks.createTaskQuery()
            .processInstanceId(pi)
            .taskDefinitionKey("registerFirstAttendance")
            .singleResult();
        ResponseEntity<String> complete = post(MANAGER, "/engine-rest/task/" + task.getId() + "/complete",
                "{\"variables\": {\"firstAttendanceDate\": {\"value\": \"2026-03-02\"},"
                        + " \"firstAttendanceType\": {\"value\": \"OUTPATIENT\"}}}");
        assertThat(complete.getStatusCode().value()).isIn(403, 404);
        assertThat(
                post(MANAGER, "/engine-rest/task/" + task.getId() + "/claim", "{\"userId\": \"leder\"}").getStatusCode()
                    .value())
            .isIn(403, 404);
        assertThat(get(MANAGER, "/engine-rest/task?processInstanceId=" + pi).getBody()).isEqualTo("[]");
        assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isNull();
        assertThat(tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey("registerFirstAttendance").count())
            .as("the task is still open")
            .isOne();
        // nor change the pathway itself
        assertThat(post(MANAGER, "/engine-rest/process-instance/" + pi + "/suspended", "{\"suspended\": true}")
            .getStatusCode()
            .value()).isIn(403, 405);
        assertThat(as(MANAGER)
            .exchange("/engine-rest/process-instance/" + pi, org.springframework.http.HttpMethod.DELETE, null,
                    String.class)
            .getStatusCode()
            .value()).isEqualTo(403);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).active().count()).isOne();
    }

    @Test
    void theLeaderCannotCompleteATaskThroughTheWebApplications() {
        String pi = pathway("HEN-LEDER-WEBTASK");
        Task task = tasks.createTaskQuery()
            .processInstanceId(pi)
            .taskDefinitionKey("registerFirstAttendance")
            .singleResult();
        CockpitSession cockpit = CockpitSession.login(port, "cockpit", MANAGER, PASSWORD);
        assertThat(cockpit.get(WEBAPP_ENGINE + "task?processInstanceId=" + pi).body()).isEqualTo("[]");
        HttpResponse<String> form = cockpit.get(WEBAPP_ENGINE + "task/" + task.getId() + "/form-variables");
        assertThat(form.statusCode()).isIn(403, 404);
        assertThat(form.body()).doesNotContain(allNationalIds());
    }

    @Test
    void theLeaderCannotReadTheNationalIdThroughEngineRest() {
        String pi = pathway("HEN-LEDER-VAR");
        for (String path : List.of("process-instance/" + pi + "/variables",
                "process-instance/" + pi + "/variables/nationalId", "variable-instance?processInstanceIdIn=" + pi,
                "history/variable-instance?processInstanceId=" + pi, "history/detail?processInstanceId=" + pi)) {
            ResponseEntity<String> response = get(MANAGER, "/engine-rest/" + path);
            assertThat(response.getBody()).as(path + " (" + response.getStatusCode() + ")")
                .doesNotContain(allNationalIds());
        }
    }

    @Test
    void theLeaderCannotReadTheNationalIdThroughTheWebApplications() {
        String pi = pathway("HEN-LEDER-WEBVAR");
        CockpitSession cockpit = CockpitSession.login(port, "cockpit", MANAGER, PASSWORD);
        for (String path : List.of(WEBAPP_ENGINE + "process-instance/" + pi + "/variables",
                WEBAPP_ENGINE + "variable-instance?processInstanceIdIn=" + pi,
                WEBAPP_ENGINE + "history/variable-instance?processInstanceId=" + pi,
                WEBAPP_ENGINE + "history/detail?processInstanceId=" + pi,
                "/camunda/api/cockpit/plugin/pakkeforlop/default/at-risk?withinDays=365")) {
            HttpResponse<String> response = cockpit.get(path);
            assertThat(response.body()).as(path + " (" + response.statusCode() + ")").doesNotContain(allNationalIds());
        }
    }

}
