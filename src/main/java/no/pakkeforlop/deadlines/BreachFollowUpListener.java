package no.pakkeforlop.deadlines;

import no.pakkeforlop.rules.CurrentUser;
import no.pakkeforlop.rules.PathwayInstances;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Completion of {@code followUpBreach}: the cause and what was done (checked before by
 * the dialogue rules) are stored on the breach's row, the pathway's (the task runs in the
 * shared follow-up the pathway calls). The answers are local to the task, so a second
 * breach starts with an empty form.
 */
@Component("breachFollowUpRecorder")
public class BreachFollowUpListener implements TaskListener {

    private final BreachRegistry breaches;

    public BreachFollowUpListener(BreachRegistry breaches) {
        this.breaches = breaches;
    }

    @Override
    public void notify(DelegateTask task) {
        breaches.recordFollowUp(PathwayInstances.rootOf(task), (String) task.getVariable("breachedInterval"),
                (String) task.getVariable("breachCause"), (String) task.getVariable("breachFollowUp"),
                CurrentUser.of(task.getProcessEngineServices()));
    }

}
