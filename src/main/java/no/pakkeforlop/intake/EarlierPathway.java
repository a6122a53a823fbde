package no.pakkeforlop.intake;

import no.pakkeforlop.rules.PreviousCancer;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * The questions the model asks of a referral for a patient who had a pathway here before
 * (pathway.md, "A patient who had a pathway before"), as
 * {@code ${earlierPathway.needsClarification(execution)}}. The answer is
 * {@link PreviousCancer}: given with the referral, or decided by the coordinator in
 * {@code clarifyPreviousCancer}, before any code is registered. A patient without an
 * earlier pathway here needs no clarification; what the referral says of cancer treated
 * elsewhere is kept and followed all the same.
 */
@Component("earlierPathway")
public class EarlierPathway {

    /**
     * The referral id of the patient's latest earlier pathway here, when there is one.
     */
    public static final String PREVIOUS_REFERRAL_ID = "previousReferralId";

    public static final String PREVIOUS_RECEIVED_DATE = "previousReceivedDate";

    /**
     * The patient had a pathway here and nobody has said whether this is a recurrence, a
     * new cancer or uncertain.
     */
    public boolean needsClarification(VariableScope execution) {
        return execution.getVariable(PREVIOUS_REFERRAL_ID) != null
                && PreviousCancer.of(execution::getVariable).isEmpty();
    }

    /**
     * A recurrence: the patient follows the pathway's steps, but no A32 code is
     * registered.
     */
    public boolean recurrence(VariableScope execution) {
        return is(execution, PreviousCancer.RECURRENCE);
    }

    /**
     * Uncertain origin: referred to the pathway for metastases of unknown origin (B01).
     */
    public boolean uncertainOrigin(VariableScope execution) {
        return is(execution, PreviousCancer.UNCERTAIN_ORIGIN);
    }

    /** A new cancer, or a first pathway: A32A on the received date. */
    public boolean newPathway(VariableScope execution) {
        return !recurrence(execution) && !uncertainOrigin(execution);
    }

    private static boolean is(VariableScope execution, PreviousCancer kind) {
        return PreviousCancer.of(execution::getVariable).filter(kind::equals).isPresent();
    }

}
