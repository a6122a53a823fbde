package no.pakkeforlop.milestones;

import java.util.Optional;
import no.pakkeforlop.rules.ValueLists;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Pre-fills {@code registerTreatmentStart} with the first treatment the plan makes clear:
 * Tasklist shows a form field pre-filled from the process variable of the same name, and
 * the physician confirms or corrects it. The code follows what was actually given
 * (pathway.md): surgery in group 2 is usually preceded by neoadjuvant or perioperative
 * therapy (A32FM or A32FS), so there the field is left for the physician to choose.
 */
@Component("firstTreatmentSuggestion")
public class FirstTreatmentSuggestion implements ExecutionListener {

    static final String VARIABLE = "treatmentStarted";

    @Override
    public void notify(DelegateExecution execution) {
        if (execution.getVariable(VARIABLE) == null) {
            suggestion(execution.getVariable("plannedTreatment"), execution.getVariable("treatmentGroup"))
                .ifPresent(treatment -> execution.setVariable(VARIABLE, treatment));
        }
    }

    static Optional<String> suggestion(Object plannedTreatment, Object treatmentGroup) {
        if (!(plannedTreatment instanceof String planned) || !ValueLists.TREATMENTS_STARTED.contains(planned)) {
            return Optional.empty();
        }
        if ("SURGERY".equals(planned) && "SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION".equals(treatmentGroup)) {
            return Optional.empty();
        }
        return Optional.of(planned);
    }

}
