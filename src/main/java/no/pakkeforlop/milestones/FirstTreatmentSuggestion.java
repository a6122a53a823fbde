package no.pakkeforlop.milestones;

import java.util.Collection;
import java.util.Optional;
import no.pakkeforlop.rules.PathwayCatalog;
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

    private final PathwayCatalog catalog;

    public FirstTreatmentSuggestion(PathwayCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (execution.getVariable(VARIABLE) == null) {
            // the treatments that start treatment: those the rules table registers a
            // treatment-start code for, in the version the pathway runs on
            Collection<String> started = catalog.forExecution(execution).event("TREATMENT_START").codes().keySet();
            suggestion(execution.getVariable("plannedTreatment"), execution.getVariable("treatmentGroup"), started)
                .ifPresent(treatment -> execution.setVariable(VARIABLE, treatment));
        }
    }

    static Optional<String> suggestion(Object plannedTreatment, Object treatmentGroup, Collection<String> started) {
        if (!(plannedTreatment instanceof String planned) || !started.contains(planned)) {
            return Optional.empty();
        }
        if ("SURGERY".equals(planned) && "SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION".equals(treatmentGroup)) {
            return Optional.empty();
        }
        return Optional.of(planned);
    }

}
