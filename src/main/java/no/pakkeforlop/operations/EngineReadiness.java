package no.pakkeforlop.operations;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of readiness (health group {@code readiness}): the process engine answers a query
 * of its own tables, and, where this node runs jobs
 * ({@code camunda.bpm.job-execution.enabled}), its job executor is running, so timers and
 * code registrations are carried out. The database itself is the {@code db} indicator of
 * the same group.
 */
@Component("pathwayEngine")
public class EngineReadiness implements HealthIndicator {

    private final ObjectProvider<ProcessEngine> engine;

    private final boolean jobsExpected;

    public EngineReadiness(ObjectProvider<ProcessEngine> engine,
            @Value("${camunda.bpm.job-execution.enabled:true}") boolean jobsExpected) {
        this.engine = engine;
        this.jobsExpected = jobsExpected;
    }

    @Override
    public Health health() {
        ProcessEngine processEngine = engine.getIfAvailable();
        if (processEngine == null) {
            return Health.down().withDetail("engine", "not started").build();
        }
        long definitions = processEngine.getRepositoryService().createProcessDefinitionQuery().count();
        Health.Builder health = Health.up()
            .withDetail("engine", processEngine.getName())
            .withDetail("processDefinitions", definitions);
        if (jobsExpected) {
            JobExecutor jobs = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
                .getJobExecutor();
            boolean active = jobs != null && jobs.isActive();
            health.withDetail("jobExecutor", active ? "active" : "stopped");
            if (!active) {
                health.down();
            }
        }
        return health.build();
    }

}
