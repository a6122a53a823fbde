package no.pakkeforlop.tasklist;

import static no.pakkeforlop.testsupport.TestData.OSLO;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import no.pakkeforlop.testsupport.PathwayEngine;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.json.JsonTaskQueryConverter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What staff see in Tasklist: the three shared filters with their read grants, access to
 * the Tasklist application, and the filters' queries run as a coordinator and as a
 * physician would run them.
 */
@Tag("dates")
class TasklistSetupTest {

    static ProcessEngine engine;

    @BeforeAll
    static void engine() {
        var configuration = PathwayEngine.create().configuration;
        configuration.setAuthorizationEnabled(true);
        engine = configuration.buildProcessEngine();
        // a fresh database: no groups yet (the security set-up is not part of this
        // engine)
        TasklistSetup.apply(engine);
        TasklistSetup.apply(engine);
        engine.getRepositoryService()
            .createDeployment()
            .addModelInstance("tasks.bpmn",
                    Bpmn.createExecutableProcess("tasks")
                        .camundaHistoryTimeToLive(1)
                        .startEvent()
                        .parallelGateway("split")
                        .userTask("followUpBreach")
                        .camundaCandidateGroups("forlopskoordinator")
                        .endEvent("e1")
                        .moveToNode("split")
                        .userTask("registerEndoscopyResult")
                        .camundaCandidateGroups("lege")
                        .endEvent("e2")
                        .moveToNode("split")
                        .userTask("mdtAssessment")
                        .camundaCandidateGroups("mdt")
                        .endEvent("e3")
                        .moveToNode("split")
                        .userTask("clinicalDecision")
                        .camundaCandidateGroups("lege")
                        .endEvent("e4")
                        .moveToNode("split")
                        .userTask("pathwayAdministration")
                        .camundaCandidateGroups("forlopskoordinator")
                        .endEvent("e5")
                        .done())
            .deploy();
        user("koordinator1", "forlopskoordinator");
        user("lege1", "lege");
        user("lege2", "lege");
    }

    static void user(String id, String group) {
        IdentityService identity = engine.getIdentityService();
        User user = identity.newUser(id);
        user.setPassword("test-" + id);
        identity.saveUser(user);
        identity.createMembership(id, group);
    }

    Filter filter(String name) {
        List<Filter> filters = engine.getFilterService().createTaskFilterQuery().filterName(name).list();
        assertThat(filters).as("filters named " + name).hasSize(1);
        return filters.get(0);
    }

    /**
     * The filter's tasks as Tasklist lists them for the user (the expressions use the
     * current user and groups).
     */
    List<String> tasksOf(String filterName, String userId, String group) {
        // the user reads the filter (FILTER READ) and only the tasks the engine lets it
        // see
        IdentityService identity = engine.getIdentityService();
        identity.setAuthentication(userId, List.of(group));
        try {
            FilterService filters = engine.getFilterService();
            return filters.<Task>list(filter(filterName).getId())
                .stream()
                .map(t -> t.getTaskDefinitionKey() + "@" + t.getAssignee())
                .sorted()
                .toList();
        }
        finally {
            identity.clearAuthentication();
        }
    }

    @Test
    void createsTheGroupsTheFiltersAndTheGrantsOnceOnly() {
        assertThat(
                engine.getIdentityService().createGroupQuery().groupIdIn("forlopskoordinator", "mdt", "lege").count())
            .isEqualTo(3);
        assertThat(engine.getIdentityService().createGroupQuery().groupId("lege").singleResult().getName())
            .isEqualTo("Behandlende leger");
        assertThat(engine.getFilterService().createTaskFilterQuery().list()).extracting(Filter::getName)
            .containsExactlyInAnyOrder("Mine oppgaver", "Forløpsfrister overskredet", "Overfør eller avslutt forløpet",
                    "Frist innen 3 dager");

        AuthorizationService authorizations = engine.getAuthorizationService();
        for (String group : List.of("forlopskoordinator", "mdt", "lege")) {
            assertThat(authorizations.createAuthorizationQuery()
                .groupIdIn(group)
                .resourceType(Resources.APPLICATION)
                .resourceId("tasklist")
                .count()).as("tasklist grants of " + group).isOne();
            assertThat(authorizations.isUserAuthorized("someone", List.of(group), Permissions.ACCESS,
                    Resources.APPLICATION, "tasklist"))
                .as(group + " may open Tasklist")
                .isTrue();
            assertThat(authorizations.createAuthorizationQuery()
                .groupIdIn(group)
                .resourceType(Resources.FILTER)
                .resourceId(filter("Mine oppgaver").getId())
                .count()).as("grants of " + group + " on Mine oppgaver").isOne();
        }
        String breaches = filter("Forløpsfrister overskredet").getId();
        assertThat(authorizations.isUserAuthorized("someone", List.of("forlopskoordinator"), Permissions.READ,
                Resources.FILTER, breaches))
            .isTrue();
        assertThat(authorizations.isUserAuthorized("someone", List.of("mdt"), Permissions.READ, Resources.FILTER,
                breaches))
            .as("the breach filter is the coordinators'")
            .isFalse();
        String administration = filter("Overfør eller avslutt forløpet").getId();
        assertThat(authorizations.isUserAuthorized("someone", List.of("forlopskoordinator"), Permissions.READ,
                Resources.FILTER, administration))
            .isTrue();
        assertThat(authorizations.isUserAuthorized("someone", List.of("lege"), Permissions.READ, Resources.FILTER,
                administration))
            .as("the standing task is the coordinators'")
            .isFalse();
        assertThat(authorizations.isUserAuthorized("someone", List.of("leder"), Permissions.ACCESS,
                Resources.APPLICATION, "tasklist"))
            .as("management works in Cockpit, not Tasklist")
            .isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFiltersAreNorwegianAndShowTheReferral() {
        Map<String, Object> properties = filter("Mine oppgaver").getProperties();
        assertThat(properties)
            .containsEntry("description", "Oppgaver som er tildelt deg, og ledige oppgaver for gruppene dine")
            .containsEntry("refresh", true);
        assertThat((List<Object>) properties.get("variables")).contains(
                Map.of("name", "referralId", "label", "Henvisning"), Map.of("name", "patientName", "label", "Pasient"));
        assertThat((List<Object>) filter("Forløpsfrister overskredet").getProperties().get("variables"))
            .contains(Map.of("name", "breachedInterval", "label", "Overskredet frist"));
    }

    @Test
    void myTasksAreTheOnesAssignedToMeAndTheFreeOnesOfMyGroups() {
        TaskService tasks = engine.getTaskService();
        ProcessInstance first = engine.getRuntimeService().startProcessInstanceByKey("tasks");
        ProcessInstance second = engine.getRuntimeService().startProcessInstanceByKey("tasks");
        Task claimedByMe = tasks.createTaskQuery()
            .processInstanceId(first.getId())
            .taskDefinitionKey("clinicalDecision")
            .singleResult();
        tasks.claim(claimedByMe.getId(), "lege1");
        Task claimedByColleague = tasks.createTaskQuery()
            .processInstanceId(second.getId())
            .taskDefinitionKey("clinicalDecision")
            .singleResult();
        tasks.claim(claimedByColleague.getId(), "lege2");

        assertThat(tasksOf("Mine oppgaver", "lege1", "lege")).containsExactly("clinicalDecision@lege1",
                "registerEndoscopyResult@null", "registerEndoscopyResult@null");
        assertThat(tasksOf("Mine oppgaver", "koordinator1", "forlopskoordinator"))
            .as("the standing task of each pathway stays out of Mine oppgaver")
            .containsExactly("followUpBreach@null", "followUpBreach@null");
        assertThat(tasksOf("Overfør eller avslutt forløpet", "koordinator1", "forlopskoordinator"))
            .containsExactly("pathwayAdministration@null", "pathwayAdministration@null");

        Task breach = tasks.createTaskQuery()
            .processInstanceId(first.getId())
            .taskDefinitionKey("followUpBreach")
            .singleResult();
        tasks.claim(breach.getId(), "koordinator1");
        assertThat(tasksOf("Forløpsfrister overskredet", "koordinator1", "forlopskoordinator"))
            .containsExactly("followUpBreach@koordinator1", "followUpBreach@null");

        engine.getRuntimeService().deleteProcessInstance(first.getId(), "test done");
        engine.getRuntimeService().deleteProcessInstance(second.getId(), "test done");
    }

    @Test
    void anExistingInstallationGetsTheNewQueriesOnceAtTheNextStart() {
        FilterService filters = engine.getFilterService();
        TaskService tasks = engine.getTaskService();
        // "Mine oppgaver" as earlier versions created it: the standing task included
        Filter myTasks = filter("Mine oppgaver");
        myTasks.setQuery(tasks.createTaskQuery()
            .or()
            .taskAssigneeExpression("${currentUser()}")
            .taskCandidateUserExpression("${currentUser()}")
            .taskCandidateGroupInExpression("${currentUserGroups()}")
            .endOr()
            .orderByTaskCreateTime()
            .asc());
        filters.saveFilter(myTasks);
        ProcessInstance pathway = engine.getRuntimeService().startProcessInstanceByKey("tasks");
        assertThat(tasksOf("Mine oppgaver", "koordinator1", "forlopskoordinator"))
            .contains("pathwayAdministration@null");

        TasklistSetup.apply(engine);
        assertThat(tasksOf("Mine oppgaver", "koordinator1", "forlopskoordinator"))
            .containsExactly("followUpBreach@null");
        assertThat(filter("Mine oppgaver").getId()).as("the same filter, updated").isEqualTo(myTasks.getId());
        assertThat(filter("Mine oppgaver").getProperties()).as("its properties kept")
            .containsEntry("description", "Oppgaver som er tildelt deg, og ledige oppgaver for gruppene dine");

        String query = new JsonTaskQueryConverter().toJsonObject(filter("Mine oppgaver").getQuery()).toString();
        TasklistSetup.apply(engine);
        assertThat(new JsonTaskQueryConverter().toJsonObject(filter("Mine oppgaver").getQuery()).toString())
            .as("nothing changes at a further start")
            .isEqualTo(query);
        assertThat(filters.createTaskFilterQuery().count()).isEqualTo(4);

        engine.getRuntimeService().deleteProcessInstance(pathway.getId(), "test done");
    }

    @Test
    void dueWithinThreeDaysListsTheCoordinatorsTasksDueByTheEndOfTheThirdDayOverdueIncluded() {
        // Friday 27 March 2026, midday in Oslo; summer time begins on Sunday the 29th
        ZoneId oslo = OSLO;
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2026, 3, 27, 12, 0, 0, 0, oslo).toInstant()));
        TaskService tasks = engine.getTaskService();
        List<String> created = new java.util.ArrayList<>();
        try {
            // due as milestone tasks are: 23:59:59 Oslo on the last day within the
            // standard time
            for (String due : List.of("2026-03-26", "2026-03-27", "2026-03-30", "2026-03-31", "")) {
                Task task = tasks.newTask();
                task.setName(due.isEmpty() ? "no-due-date" : "due-" + due);
                if (!due.isEmpty()) {
                    task.setDueDate(Date.from(LocalDate.parse(due).atTime(23, 59, 59).atZone(oslo).toInstant()));
                }
                tasks.saveTask(task);
                tasks.addCandidateGroup(task.getId(), "forlopskoordinator");
                created.add(task.getId());
            }
            engine.getIdentityService().setAuthentication("koordinator1", List.of("forlopskoordinator"));
            List<String> listed;
            try {
                listed = engine.getFilterService()
                    .<Task>list(filter("Frist innen 3 dager").getId())
                    .stream()
                    .map(Task::getName)
                    .toList();
            }
            finally {
                engine.getIdentityService().clearAuthentication();
            }
            assertThat(listed).containsExactly("due-2026-03-26", "due-2026-03-27", "due-2026-03-30");
            String dueSoon = filter("Frist innen 3 dager").getId();
            assertThat(engine.getAuthorizationService()
                .isUserAuthorized("someone", List.of("forlopskoordinator"), Permissions.READ, Resources.FILTER,
                        dueSoon))
                .isTrue();
            assertThat(engine.getAuthorizationService()
                .isUserAuthorized("someone", List.of("lege"), Permissions.READ, Resources.FILTER, dueSoon)).isFalse();
        }
        finally {
            created.forEach(id -> tasks.deleteTask(id, true));
            ClockUtil.reset();
        }
    }

}
