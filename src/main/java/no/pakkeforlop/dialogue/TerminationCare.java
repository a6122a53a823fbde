package no.pakkeforlop.dialogue;

import no.pakkeforlop.process.RegisterCodeDelegate;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * The care that follows a pathway ended with A32X: ending the pathway stops its clock,
 * never the patient's care. The GP is always told (also of a death); when oesophageal or
 * gastric cancer was confirmed, a patient who lives is offered the needs-assessment talk
 * of Pakkeforløp hjem (unless it was offered already), and a patient who declines
 * treatment is assessed for the palliative team. A patient who chose treatment abroad or
 * privately gets the talk, and the treating provider takes palliative care. Read by the
 * model's gateways after the pathway's scope.
 */
@Component("terminationCare")
public class TerminationCare {

    public boolean terminated(VariableScope execution) {
        return "X".equals(execution.getVariable(RegisterCodeDelegate.END_CODE_VARIABLE));
    }

    /**
     * The gastroscopy's biopsy found oesophageal or gastric cancer, or the decision (CK)
     * says so.
     */
    public boolean cancerConfirmed(VariableScope execution) {
        return "OESOPHAGEAL_OR_GASTRIC_CANCER".equals(execution.getVariable("endoscopyResult"))
                || "CK".equals(execution.getVariable("decisionCode"));
    }

    public boolean offerNeedsTalk(VariableScope execution) {
        return terminated(execution) && cancerConfirmed(execution)
                && !"DEATH".equals(execution.getVariable("terminationReason"))
                && !Boolean.TRUE.equals(execution.getVariable("needsAssessmentOffered"));
    }

    public boolean assessPalliativeCare(VariableScope execution) {
        return terminated(execution) && cancerConfirmed(execution)
                && "PATIENT_DECLINES".equals(execution.getVariable("terminationReason"));
    }

}
