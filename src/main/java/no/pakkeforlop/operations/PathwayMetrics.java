package no.pakkeforlop.operations;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import no.pakkeforlop.rules.PathwayCatalog;
import no.pakkeforlop.rules.PathwayRules;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.metrics.Meter;
import org.camunda.bpm.engine.management.Metrics;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Prometheus metrics of the engine and the pathway (README "Drift"), beside what Spring
 * gives for HTTP and the JVM:
 * <ul>
 * <li>the job executor: {@code camunda_job_acquired_total},
 * {@code camunda_job_executed_total{result}}, {@code camunda_job_rejected_total}
 * (Camunda's own metrics: what is reported to its meter log plus what this node has not
 * reported yet), {@code camunda_jobs_due} (due jobs waiting to run),
 * {@code camunda_jobs_due_oldest_seconds} (how late the oldest of them is),
 * {@code camunda_jobs_failed} (no retries left) and {@code camunda_incidents_open};</li>
 * <li>each pathway (tags {@code pathway}, e.g. "A32", and {@code processKey}):
 * {@code pakkeforlop_pathways_active},
 * {@code pakkeforlop_pathways_waiting{activity,name}} (active pathways with an open task
 * at each user task of the deployed model: its phase),
 * {@code pakkeforlop_breach_followups_open{interval}} (open {@code followUpBreach} tasks
 * per standard time) and {@code pakkeforlop_code_registrations_failing{state}} (code
 * registration jobs that failed: {@code retrying}, or {@code failed} with an
 * incident).</li>
 * </ul>
 * The pathways come from the catalog, the activities from each one's deployed model and
 * the intervals from its rules table, not from a list here. The values are read from the
 * database at most once per {@code pakkeforlop.metrics.refresh}, whatever the scrapes.
 */
@Component
public class PathwayMetrics implements ApplicationListener<ApplicationReadyEvent> {

    /** Camunda's job metrics, as Micrometer counters: name, Camunda metric, tags. */
    private record CamundaCounter(String name, String metric, String[] tags) {
    }

    private static final List<CamundaCounter> JOB_COUNTERS = List.of(
            new CamundaCounter("camunda.job.acquired", Metrics.JOB_ACQUIRED_SUCCESS, new String[0]),
            new CamundaCounter("camunda.job.executed", Metrics.JOB_SUCCESSFUL, new String[] { "result", "success" }),
            new CamundaCounter("camunda.job.executed", Metrics.JOB_FAILED, new String[] { "result", "failed" }),
            new CamundaCounter("camunda.job.rejected", Metrics.JOB_EXECUTION_REJECTED, new String[0]));

    /** What one look at the database found about one pathway. */
    record PathwaySnapshot(long activePathways, Map<String, Long> waiting, Map<String, Long> followUps,
            long registrationsRetrying, long registrationsFailed) {
    }

    private static final PathwaySnapshot NOTHING = new PathwaySnapshot(0, Map.of(), Map.of(), 0, 0);

    /** What one look at the database found; {@code pathways} by pathway ("A32"). */
    record Snapshot(Instant takenAt, Map<String, PathwaySnapshot> pathways, long dueJobs, double oldestDueSeconds,
            long failedJobs, long incidents, Map<String, Long> camundaTotals) {

        PathwaySnapshot of(String pathway) {
            return pathways.getOrDefault(pathway, NOTHING);
        }
    }

    private final MeterRegistry registry;

    private final ProcessEngine engine;

    private final PathwayCatalog catalog;

    private final JdbcTemplate jdbc;

    private final Duration refresh;

    private final Clock clock = Clock.systemUTC();

    /** The code-registering service tasks of each pathway's latest model, by pathway. */
    private Map<String, List<String>> registrationActivities = Map.of();

    private Snapshot snapshot;

    public PathwayMetrics(MeterRegistry registry, ProcessEngine engine, PathwayCatalog catalog, JdbcTemplate jdbc,
            @Value("${pakkeforlop.metrics.refresh:PT10S}") Duration refresh) {
        this.registry = registry;
        this.engine = engine;
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.refresh = refresh;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        register();
    }

    synchronized void register() {
        if (registry.find("pakkeforlop.pathways.active").gauge() != null) {
            return;
        }
        Map<String, List<String>> registrationsByPathway = new LinkedHashMap<>();
        for (PathwayRules rules : catalog.current()) {
            String pathway = rules.pathway();
            String[] tags = { "pathway", pathway, "processKey", rules.processKey() };
            Map<String, String> userTasks = new LinkedHashMap<>();
            List<String> registrations = new ArrayList<>();
            ProcessDefinition latest = engine.getRepositoryService()
                .createProcessDefinitionQuery()
                .processDefinitionKey(rules.processKey())
                .latestVersion()
                .singleResult();
            if (latest != null) {
                BpmnModelInstance model = engine.getRepositoryService().getBpmnModelInstance(latest.getId());
                for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                    userTasks.put(task.getId(), task.getName() == null ? task.getId() : task.getName());
                }
                // the tasks of the shared parts it calls, deployed with it
                for (ProcessDefinition called : engine.getRepositoryService()
                    .createProcessDefinitionQuery()
                    .deploymentId(latest.getDeploymentId())
                    .list()) {
                    if (catalog.calledProcessKeys().contains(called.getKey())) {
                        for (UserTask task : engine.getRepositoryService()
                            .getBpmnModelInstance(called.getId())
                            .getModelElementsByType(UserTask.class)) {
                            userTasks.put(task.getId(), task.getName() == null ? task.getId() : task.getName());
                        }
                    }
                }
                for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
                    String expression = task.getCamundaDelegateExpression();
                    if (expression != null && expression.contains("registerCode")) {
                        registrations.add(task.getId());
                    }
                }
            }
            registrationsByPathway.put(pathway, List.copyOf(registrations));

            Gauge.builder("pakkeforlop.pathways.active", this, m -> m.current().of(pathway).activePathways())
                .description("Active pathways")
                .tags(tags)
                .register(registry);
            userTasks.forEach((activity, name) -> Gauge
                .builder("pakkeforlop.pathways.waiting", this,
                        m -> m.current().of(pathway).waiting().getOrDefault(activity, 0L))
                .description("Active pathways with an open task at this activity of the model (the pathway's phase)")
                .tags(tags)
                .tags("activity", activity, "name", name)
                .register(registry));
            for (PathwayRules.IntervalRule interval : rules.intervals()) {
                Gauge
                    .builder("pakkeforlop.breach.followups.open", this,
                            m -> m.current().of(pathway).followUps().getOrDefault(interval.name(), 0L))
                    .description("Open follow-up tasks of breached standard times")
                    .tags(tags)
                    .tags("interval", interval.name())
                    .register(registry);
            }
            Gauge
                .builder("pakkeforlop.code.registrations.failing", this,
                        m -> m.current().of(pathway).registrationsRetrying())
                .description("Code registrations whose job failed and will be retried")
                .tags(tags)
                .tags("state", "retrying")
                .register(registry);
            Gauge
                .builder("pakkeforlop.code.registrations.failing", this,
                        m -> m.current().of(pathway).registrationsFailed())
                .description("Code registrations whose job failed for good (incident)")
                .tags(tags)
                .tags("state", "failed")
                .register(registry);
        }
        registrationActivities = Map.copyOf(registrationsByPathway);
        gauge("camunda.jobs.due", "Due jobs waiting for the job executor", s -> s.dueJobs());
        gauge("camunda.jobs.due.oldest.seconds", "How long the oldest due job has waited", s -> s.oldestDueSeconds());
        gauge("camunda.jobs.failed", "Jobs without retries left", s -> s.failedJobs());
        gauge("camunda.incidents.open", "Open incidents", s -> s.incidents());
        for (CamundaCounter counter : JOB_COUNTERS) {
            FunctionCounter
                .builder(counter.name(), this, m -> m.current().camundaTotals().getOrDefault(counter.metric(), 0L))
                .description("Camunda metric " + counter.metric())
                .tags(counter.tags())
                .register(registry);
        }
    }

    private void gauge(String name, String description, ToDoubleFunction<Snapshot> value) {
        Gauge.builder(name, this, m -> value.applyAsDouble(m.current())).description(description).register(registry);
    }

    /** The values, read again when older than the refresh interval. */
    synchronized Snapshot current() {
        Instant now = clock.instant();
        if (snapshot == null || !now.isBefore(snapshot.takenAt().plus(refresh))) {
            snapshot = read(now);
        }
        return snapshot;
    }

    /** Forgets the values read, so the next scrape reads the database (tests). */
    synchronized void forget() {
        snapshot = null;
    }

    private Snapshot read(Instant now) {
        Map<String, PathwaySnapshot> pathways = new HashMap<>();
        for (PathwayRules rules : catalog.current()) {
            pathways.put(rules.pathway(), read(rules));
        }
        ManagementService management = engine.getManagementService();
        long due = management.createJobQuery().executable().active().count();
        double oldest = 0;
        List<Job> first = management.createJobQuery().executable().active().orderByJobDuedate().asc().listPage(0, 1);
        if (!first.isEmpty() && first.get(0).getDuedate() != null) {
            Date dueDate = first.get(0).getDuedate();
            oldest = Math.max(0, Duration.between(dueDate.toInstant(), now).toMillis() / 1000.0);
        }
        long failedJobs = management.createJobQuery().noRetriesLeft().count();
        long incidents = engine.getRuntimeService().createIncidentQuery().count();

        Map<String, Long> totals = new HashMap<>();
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
            .getProcessEngineConfiguration();
        for (CamundaCounter counter : JOB_COUNTERS) {
            long reported = management.createMetricsQuery().name(counter.metric()).sum();
            Meter unreported = configuration.getMetricsRegistry() == null ? null
                    : configuration.getMetricsRegistry().getDbMeterByName(counter.metric());
            totals.put(counter.metric(), reported + (unreported == null ? 0 : unreported.get()));
        }
        return new Snapshot(now, Map.copyOf(pathways), due, oldest, failedJobs, incidents, totals);
    }

    /** One pathway's values: those of its process key, every version. */
    private PathwaySnapshot read(PathwayRules rules) {
        String key = rules.processKey();
        ManagementService management = engine.getManagementService();
        long active = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(key).count();

        Map<String, Long> waiting = new HashMap<>();
        // a task of a shared part the pathway calls counts for the pathway (its root
        // process instance)
        jdbc.query(
                "select t.TASK_DEF_KEY_, count(distinct e.ROOT_PROC_INST_ID_) from ACT_RU_TASK t "
                        + "join ACT_RU_EXECUTION e on e.ID_ = t.PROC_INST_ID_ "
                        + "join ACT_RU_EXECUTION r on r.ID_ = e.ROOT_PROC_INST_ID_ "
                        + "join ACT_RE_PROCDEF d on d.ID_ = r.PROC_DEF_ID_ where d.KEY_ = ? group by t.TASK_DEF_KEY_",
                rs -> {
                    waiting.put(rs.getString(1), rs.getLong(2));
                }, key);

        // the follow-up task carries its interval as a local variable (input mapping of
        // followUpBreach)
        Map<String, Long> followUps = new HashMap<>();
        jdbc.query("select v.TEXT_, count(*) from ACT_RU_TASK t join ACT_RU_EXECUTION e on e.ID_ = t.PROC_INST_ID_ "
                + "join ACT_RU_EXECUTION r on r.ID_ = e.ROOT_PROC_INST_ID_ join ACT_RE_PROCDEF d on d.ID_ = r.PROC_DEF_ID_ "
                + "join ACT_RU_VARIABLE v on v.EXECUTION_ID_ = t.EXECUTION_ID_ and v.NAME_ = 'breachedInterval' "
                + "where d.KEY_ = ? and t.TASK_DEF_KEY_ = 'followUpBreach' group by v.TEXT_", rs -> {
                    followUps.put(rs.getString(1), rs.getLong(2));
                }, key);

        long retrying = 0;
        long failed = 0;
        for (String activity : registrationActivities.getOrDefault(rules.pathway(), List.of())) {
            failed += management.createJobQuery()
                .processDefinitionKey(key)
                .activityId(activity)
                .noRetriesLeft()
                .count();
            retrying += management.createJobQuery()
                .processDefinitionKey(key)
                .activityId(activity)
                .withException()
                .withRetriesLeft()
                .count();
        }
        return new PathwaySnapshot(active, waiting, followUps, retrying, failed);
    }

}
