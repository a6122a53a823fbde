package no.pakkeforlop.dialogue;

import no.pakkeforlop.process.RegisterCodeDelegate;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * When the staging order raised at a cancer found by the gastroscopy
 * ({@code orderStagingWorkup}: CT, PET-CT, EUS before the MDT) is no longer a task for
 * anyone: the MDT has placed the patient in a treatment group, so the staging it needed
 * is done, or the pathway has ended with its final code (A32X, A32C*, A32F*). Read by the
 * conditional boundary events on the task, whose names tell the history why it ended.
 */
@Component("stagingOrder")
public class StagingOrder {

    /**
     * The MDT has placed the patient in a group: a group given with a request for
     * supplementary workup is not yet a placement.
     */
    public boolean mdtPlacedPatient(VariableScope execution) {
        return execution.getVariable("treatmentGroup") instanceof String group && !group.isBlank()
                && !Boolean.TRUE.equals(execution.getVariable("supplementaryWorkupNeeded"));
    }

    /**
     * A final code is registered, or the coordinator has ended the pathway: A32X is
     * registered by the job that follows the completion, and a variable set by that job's
     * delegate comes too late for the event (the terminate end event that follows at once
     * has ended the task).
     */
    public boolean pathwayEnded(VariableScope execution) {
        return execution.getVariable(RegisterCodeDelegate.END_CODE_VARIABLE) != null
                || "TERMINATE".equals(execution.getVariable("administrativeAction"));
    }

}
