package no.pakkeforlop.security;

import static no.pakkeforlop.testsupport.TestData.COORDINATOR;
import static no.pakkeforlop.testsupport.TestData.MANAGER;
import static no.pakkeforlop.testsupport.TestData.MDT;
import static no.pakkeforlop.testsupport.TestData.nationalIdFor;
import static no.pakkeforlop.testsupport.TestData.allNationalIds;
import static no.pakkeforlop.testsupport.TestData.OUTSIDER;
import static no.pakkeforlop.testsupport.TestData.PHYSICIAN;
import static no.pakkeforlop.testsupport.TestData.PROCESS_KEY;
import static no.pakkeforlop.testsupport.TestData.REPORTER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * Issue 12, finding 1: every staff group read every patient's national id and other
 * variables through engine REST, and the code export gave {@code leder} national ids. Now
 * a group reads a pathway's patient data only where its work involves it: coordinators
 * every pathway (they run them), MDT and physicians a pathway once their group has a task
 * in it, {@code leder} none (aggregates only), the full export only {@code rapportering}.
 */
class EveryoneReadsEveryoneTest extends SecurityTestSupport {

    static List<String> readsOf(String pi) {
        return List.of("/engine-rest/variable-instance?processInstanceIdIn=" + pi,
                "/engine-rest/history/variable-instance?processInstanceId=" + pi,
                "/engine-rest/history/detail?processInstanceId=" + pi,
                "/engine-rest/process-instance/" + pi + "/variables",
                "/engine-rest/history/process-instance?processInstanceId=" + pi,
                "/engine-rest/process-instance?processInstanceIds=" + pi, "/engine-rest/task?processInstanceId=" + pi,
                "/engine-rest/history/task?processInstanceId=" + pi);
    }

    /**
     * What the user gets of the pathway: nothing (403, 404 or empty lists), never the
     * national id.
     */
    private void seesNothing(String user, String pi) {
        for (String read : readsOf(pi)) {
            ResponseEntity<String> answer = get(user, read);
            assertThat(answer.getBody()).as(user + " " + read)
                .doesNotContain(allNationalIds())
                .doesNotContain("Nordmann");
            if (answer.getStatusCode().is2xxSuccessful()) {
                JsonNode body = json(answer);
                assertThat(body.isArray() ? body.size() : 0).as(user + " " + read + ": " + answer.getBody()).isZero();
            }
            else {
                assertThat(answer.getStatusCode().value()).as(user + " " + read).isIn(403, 404);
            }
        }
        assertThat(get(user, "/api/pathways/HEN-SEC1-" + pi.hashCode()).getStatusCode().value()).isIn(403, 404);
    }

    @Test
    void managementMdtAndPhysiciansReadNothingOfAPathwayWithoutTheirWork() {
        String pi = startPathway("HEN-SEC1-NONE", "2026-05-04");
        for (String user : List.of(MANAGER, MDT, PHYSICIAN, REPORTER, OUTSIDER)) {
            seesNothing(user, pi);
        }
        // the pathway's API status too, which only names codes and dates
        assertThat(get(PHYSICIAN, "/api/pathways/HEN-SEC1-NONE").getStatusCode().value()).isEqualTo(404);
        assertThat(get(MDT, "/api/pathways/HEN-SEC1-NONE").getStatusCode().value()).isEqualTo(404);
        // the coordinator runs every pathway: reads it and its patient
        assertThat(get(COORDINATOR, "/engine-rest/process-instance/" + pi + "/variables").getBody())
            .contains(nationalIdFor("HEN-SEC1-NONE"));
        assertThat(get(COORDINATOR, "/api/pathways/HEN-SEC1-NONE").getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void aPhysicianReadsThePathwayOnceTheirGroupHasATaskInItAndOnlyThat() {
        String pi = startPathway("HEN-SEC1-WORK", "2026-05-04");
        String other = startPathway("HEN-SEC1-OTHER", "2026-05-04");
        firstAttendance(pi, "2026-05-05"); // gives the physicians the endoscopy result of
                                           // this pathway

        String taskId = task(pi, "registerEndoscopyResult").getId();
        ResponseEntity<String> form = get(PHYSICIAN, "/engine-rest/task/" + taskId + "/form-variables");
        assertThat(form.getStatusCode().value()).as(form.getBody()).isEqualTo(200);
        assertThat(form.getBody()).contains("HEN-SEC1-WORK");
        assertThat(get(PHYSICIAN, "/engine-rest/history/variable-instance?processInstanceId=" + pi).getBody())
            .contains(nationalIdFor("HEN-SEC1-WORK"));
        assertThat(get(PHYSICIAN, "/api/pathways/HEN-SEC1-WORK").getStatusCode().value()).isEqualTo(200);
        // live process variables stay with the task's form; the MDT still sees nothing of
        // it, nobody of the other
        assertThat(json(get(PHYSICIAN, "/engine-rest/variable-instance?processInstanceIdIn=" + pi))).isEmpty();
        seesNothing(MDT, pi);
        seesNothing(PHYSICIAN, other);
        seesNothing(MANAGER, pi);
    }

    @Test
    void managementGetsTheReportNotTheNationalIdsWhichOnlyReportingExports() {
        String pi = treatedPathway("HEN-SEC1-EXP", "2025-09-01", "2025-09-05", "2025-09-20", "2025-10-01");
        assertThat(pi).isNotNull();
        String range = "?from=2025-09-01&to=2025-10-31";
        assertThat(get(MANAGER, "/api/codes" + range).getStatusCode().value()).isEqualTo(403);
        assertThat(get(MANAGER, "/api/codes" + range, "text/csv").getStatusCode().value()).isEqualTo(403);
        ResponseEntity<String> report = get(MANAGER, "/api/reports/pathway-times" + range);
        assertThat(report.getStatusCode().value()).isEqualTo(200);
        assertThat(report.getBody()).doesNotContain(allNationalIds()).doesNotContain("HEN-SEC1-EXP");
        assertThat(get(REPORTER, "/api/codes" + range, "text/csv").getBody())
            .contains("HEN-SEC1-EXP," + nationalIdFor("HEN-SEC1-EXP"));
        // and no Cockpit data of patients: the pathway's instances and history are not
        // theirs
        seesNothing(MANAGER, pi);
    }

    @Test
    void theGrantsAreWhatTheReadmeSays() {
        Map<String, Boolean> readInstances = Map.of("forlopskoordinator", true, "mdt", false, "lege", false, "leder",
                false, "rapportering", false);
        readInstances.forEach((group,
                expected) -> assertThat(authorizationService().isUserAuthorized("x", List.of(group),
                        org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
                        org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION, PROCESS_KEY))
                    .as(group)
                    .isEqualTo(expected));
    }

    /**
     * A database of an earlier version: its wide grants are narrowed at start-up, unless
     * an administrator changed them.
     */
    @Test
    void grantsOfEarlierVersionsAreNarrowedAtStartUpUnlessChanged() {
        var authorizations = authorizationService();
        var definition = org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
        java.util.function.Supplier<org.camunda.bpm.engine.authorization.Authorization> leder = () -> authorizations
            .createAuthorizationQuery()
            .groupIdIn("leder")
            .resourceType(definition)
            .resourceId(PROCESS_KEY)
            .singleResult();
        java.util.function.BooleanSupplier lederReadsInstances = () -> authorizations.isUserAuthorized("x",
                List.of("leder"), org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_INSTANCE,
                definition, PROCESS_KEY);
        try {
            var earlier = leder.get();
            earlier.addPermission(org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_INSTANCE);
            earlier.addPermission(org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_HISTORY);
            authorizations.saveAuthorization(earlier);
            assertThat(lederReadsInstances.getAsBoolean()).isTrue();
            accessSetup.postProcessEngineBuild(engineServices);
            assertThat(lederReadsInstances.getAsBoolean()).as("narrowed").isFalse();

            var changed = leder.get();
            changed.addPermission(org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_INSTANCE);
            changed.addPermission(org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_HISTORY);
            changed.addPermission(org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_TASK);
            authorizations.saveAuthorization(changed);
            accessSetup.postProcessEngineBuild(engineServices);
            assertThat(lederReadsInstances.getAsBoolean()).as("an administrator's own grant stays").isTrue();
        }
        finally {
            var restore = leder.get();
            restore.setPermissions(new org.camunda.bpm.engine.authorization.Permission[] {
                    org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ });
            authorizations.saveAuthorization(restore);
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    private AccessSetup accessSetup;

    private org.camunda.bpm.engine.AuthorizationService authorizationService() {
        return engineServices.getAuthorizationService();
    }

    @org.springframework.beans.factory.annotation.Autowired
    private org.camunda.bpm.engine.ProcessEngine engineServices;

}
