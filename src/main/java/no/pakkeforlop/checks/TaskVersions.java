package no.pakkeforlop.checks;

import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * Where a task's completion finds its form and its pathway: in production the deployment
 * of the process definition the task runs on ({@link DeployedTaskVersions}).
 */
@FunctionalInterface
public interface TaskVersions {

    /**
     * @throws IllegalStateException when the task has no form the server can read
     */
    TaskVersion of(DelegateTask task);

}
