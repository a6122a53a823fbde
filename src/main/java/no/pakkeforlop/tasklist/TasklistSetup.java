package no.pakkeforlop.tasklist;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import no.pakkeforlop.security.StaffGroups;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.json.JsonTaskQueryConverter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What staff see when they open Tasklist: the shared filters "Mine oppgaver",
 * "Forløpsfrister overskredet" and "Overfør eller avslutt forløpet" and "Frist innen 3
 * dager", readable by the groups that work them, and access to the Tasklist application
 * for the three working groups. Created as the engine starts when missing (by filter
 * name). The query of each of these filters is ours: an installation whose filter asks
 * something else (an older version, or an edit in Tasklist) gets our query back at the
 * next start; its name, description, colour and columns are left as they are, and so are
 * grants.
 */
@Component
public class TasklistSetup extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(TasklistSetup.class);

    public static final String MY_TASKS = "Mine oppgaver";

    public static final String BREACHES = "Forløpsfrister overskredet";

    public static final String ADMINISTRATION = "Overfør eller avslutt forløpet";

    public static final String DUE_SOON = "Frist innen 3 dager";

    /**
     * The coordinators' standing task, one per active pathway beside the real work: it
     * has its own filter and stays out of "Mine oppgaver".
     */
    public static final String STANDING_TASK = "pathwayAdministration";

    /** The groups that work in Tasklist. */
    public static final List<String> TASKLIST_GROUPS = List.of(StaffGroups.COORDINATOR, StaffGroups.MDT,
            StaffGroups.PHYSICIAN);

    /**
     * A shared task filter: its query, how Tasklist shows it, and the groups that may
     * read it.
     */
    public record TaskFilter(String name, String description, int priority, String color,
            Function<TaskService, TaskQuery> query, List<String> columns, List<String> groups) {
    }

    /** Variables shown in the task list, with their Norwegian column names. */
    private static final Map<String, String> COLUMN_LABELS = Map.of("referralId", "Henvisning", "patientName",
            "Pasient", "receivedDate", "Mottatt", "hospital", "Sykehus", "breachedInterval", "Overskredet frist");

    public static final List<TaskFilter> FILTERS = List.of(
            new TaskFilter(MY_TASKS, "Oppgaver som er tildelt deg, og ledige oppgaver for gruppene dine", -10,
                    "#3e7ab6",
                    tasks -> tasks.createTaskQuery()
                        .or()
                        .taskAssigneeExpression("${currentUser()}")
                        .taskCandidateUserExpression("${currentUser()}")
                        .taskCandidateGroupInExpression("${currentUserGroups()}")
                        .endOr()
                        .taskDefinitionKeyNotIn(STANDING_TASK)
                        .orderByTaskCreateTime()
                        .asc(),
                    List.of("referralId", "patientName", "receivedDate", "hospital"), TASKLIST_GROUPS),
            // a breach task is the coordinators' (candidate group forlopskoordinator),
            // whoever has claimed it
            new TaskFilter(BREACHES, "Oppfølging av overskredne standard forløpstider", -5, "#c0392b",
                    tasks -> tasks.createTaskQuery().taskDefinitionKey("followUpBreach").orderByTaskCreateTime().asc(),
                    List.of("referralId", "patientName", "breachedInterval", "hospital"),
                    List.of(StaffGroups.COORDINATOR)),
            new TaskFilter(ADMINISTRATION,
                    "Ett per aktivt forløp: registrer overføring til et annet helseforetak (A32O) "
                            + "eller avslutning av forløpet (A32X)",
                    10, "#7f8c8d",
                    tasks -> tasks.createTaskQuery().taskDefinitionKey(STANDING_TASK).orderByTaskCreateTime().asc(),
                    List.of("referralId", "patientName", "receivedDate", "hospital"), List.of(StaffGroups.COORDINATOR)),
            // milestone tasks carry the deadline of their standard time as due date
            // (23:59:59 Oslo on the last day): due before the start of the fourth day
            // from today = due today or within the next three days, or overdue.
            // dateTime() counts days in the JVM's zone (run it in Europe/Oslo, as the
            // README says for history cleanup)
            new TaskFilter(DUE_SOON, "Forløpsoppgaver med frist i dag eller de neste tre dagene, eldste frist først",
                    -7, "#e67e22",
                    tasks -> tasks.createTaskQuery()
                        .dueBeforeExpression("${dateTime().withTimeAtStartOfDay().plusDays(4).toDate()}")
                        .orderByDueDate()
                        .asc(),
                    List.of("referralId", "patientName", "hospital"), List.of(StaffGroups.COORDINATOR)));

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        apply(engine);
    }

    /** Creates what is missing; safe to run on every start. */
    public static void apply(ProcessEngine engine) {
        TASKLIST_GROUPS.forEach(group -> StaffGroupsPresent.ensure(engine.getIdentityService(), group));
        AuthorizationService authorizations = engine.getAuthorizationService();
        for (String group : TASKLIST_GROUPS) {
            grant(authorizations, group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        }
        for (TaskFilter definition : FILTERS) {
            Filter filter = findOrCreate(engine.getFilterService(), engine.getTaskService(), definition);
            for (String group : definition.groups()) {
                grant(authorizations, group, Resources.FILTER, filter.getId(), Permissions.READ);
            }
        }
    }

    /** Compares filter queries as the engine stores them. */
    private static final JsonTaskQueryConverter QUERIES = new JsonTaskQueryConverter();

    private static Filter findOrCreate(FilterService filters, TaskService tasks, TaskFilter definition) {
        Filter existing = filters.createTaskFilterQuery()
            .filterName(definition.name())
            .orderByFilterId()
            .asc()
            .listPage(0, 1)
            .stream()
            .findFirst()
            .orElse(null);
        if (existing != null) {
            TaskQuery query = definition.query().apply(tasks);
            if (!QUERIES.toJsonObject(query).equals(QUERIES.toJsonObject(existing.getQuery()))) {
                existing.setQuery(query);
                filters.saveFilter(existing);
                LOG.info("Updated the query of Tasklist filter «{}»", definition.name());
            }
            return existing;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("description", definition.description());
        properties.put("priority", definition.priority());
        properties.put("color", definition.color());
        properties.put("refresh", true);
        properties.put("variables",
                definition.columns()
                    .stream()
                    .map(name -> Map.of("name", name, "label", COLUMN_LABELS.get(name)))
                    .toList());
        Filter filter = filters.newTaskFilter(definition.name())
            .setProperties(properties)
            .setQuery(definition.query().apply(tasks));
        filters.saveFilter(filter);
        LOG.info("Created Tasklist filter «{}» for {}", definition.name(), definition.groups());
        return filter;
    }

    private static void grant(AuthorizationService authorizations, String group, Resource resource, String resourceId,
            Permission permission) {
        boolean present = authorizations.createAuthorizationQuery()
            .groupIdIn(group)
            .resourceType(resource)
            .resourceId(resourceId)
            .count() > 0;
        if (!present) {
            Authorization authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
            authorization.setGroupId(group);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
            authorization.addPermission(permission);
            authorizations.saveAuthorization(authorization);
        }
    }

}
