package no.pakkeforlop.checks;

/**
 * A completion check wired in the model as a task's first "complete" listener
 * ({@code ${milestoneValidation}}, {@code ${dialogueCompletion}}), whose tables can be
 * built ahead of the first completion, to verify a deployed version
 * ({@code deployment.DeployedChecks}).
 */
public interface TaskCheck {

    TaskTables tables();

}
