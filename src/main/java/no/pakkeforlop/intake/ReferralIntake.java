package no.pakkeforlop.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import no.pakkeforlop.decisions.ReasonedSuspicion;
import no.pakkeforlop.dialogue.Interpreter;
import no.pakkeforlop.refusals.ActivePathwayExistsException;
import no.pakkeforlop.refusals.FieldError;
import no.pakkeforlop.refusals.InputRefusedException;
import no.pakkeforlop.rules.CurrentUser;
import no.pakkeforlop.rules.PathwayCatalog;
import no.pakkeforlop.rules.PathwayDates;
import no.pakkeforlop.rules.PathwayRules;
import no.pakkeforlop.rules.PreviousCancer;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Runs as the pathway starts, however it is started (REST intake, Tasklist start form,
 * Java API): the one place that checks a referral ({@link ReferralValidation}, with the
 * DMN table for reasoned suspicion), makes its referralId the business key and stores its
 * referral row, and notes the patient's latest earlier pathway, if any. A refusal, a
 * referral id already stored, or a patient whose pathway of the same kind is still
 * running, rolls the start back: no pathway, no code, no row. The pathway is the one the
 * started process is for: the rules of its process definition.
 */
@Component("referralIntake")
public class ReferralIntake implements ExecutionListener {

    private final PathwayCatalog catalog;

    private final ReferralRegistry referrals;

    public ReferralIntake(PathwayCatalog catalog, ReferralRegistry referrals) {
        this.catalog = catalog;
        this.referrals = referrals;
    }

    @Override
    public void notify(DelegateExecution execution) {
        ProcessEngineServices services = execution.getProcessEngineServices();
        PathwayRules rules = catalog.forExecution(execution);
        ReferralValidation.Result result = ReferralValidation.validate(execution.getVariables(), rules.pathway(),
                PathwayDates.today(rules.zone()), criteria -> ReasonedSuspicion.decide(services, criteria));
        List<FieldError> errors = new ArrayList<>(result.errors());
        Referral referral = result.referral();
        String businessKey = execution.getProcessBusinessKey();
        String referralId = referral != null ? referral.referralId()
                : execution.getVariable("referralId") instanceof String id ? id : null;
        if (businessKey != null && referralId != null && !businessKey.equals(referralId)) {
            errors.add(new FieldError("referralId",
                    "Henvisnings-ID må være lik forretningsnøkkelen («" + businessKey + "»)."));
        }
        if (referral != null && errors.isEmpty() && referrals.find(referral.referralId()).isPresent()) {
            errors.add(new FieldError("referralId",
                    "Det finnes allerede et pakkeforløp for henvisning «" + referral.referralId() + "»."));
        }
        if (!errors.isEmpty()) {
            throw new InputRefusedException(errors);
        }
        // one active pathway per patient per pathway: NPR counts a patient once per
        // pathway (a patient in one pathway may start another); the lock is the
        // patient's, whatever the pathway
        referrals.lockPatient(referral.nationalId());
        List<StoredReferral> active = referrals.activeOf(referral.nationalId(), rules);
        if (!active.isEmpty()) {
            String activeId = active.get(0).referralId();
            throw new ActivePathwayExistsException("nationalId",
                    "Pasienten har allerede et pågående pakkeforløp for " + rules.name().toLowerCase(Locale.ROOT)
                            + " (henvisning «" + activeId + "»). Et nytt forløp startes ikke mens det løper: legg "
                            + "henvisningen til det forløpet. Et nytt forløp kan startes når det er avsluttet.",
                    activeId);
        }

        if (businessKey == null) {
            execution.setProcessBusinessKey(referral.referralId());
        }
        // a patient who had a pathway here before: recurrence, new cancer or uncertain
        // origin, as the referral says or, when it does not, as the coordinator decides
        // before any code is registered (EarlierPathway)
        List<StoredReferral> earlier = referrals.allOf(referral.nationalId());
        StoredReferral previous = earlier.isEmpty() ? null : earlier.get(earlier.size() - 1);
        execution.setVariable(PreviousCancer.VARIABLE, referral.previousCancer());
        execution.setVariable(EarlierPathway.PREVIOUS_REFERRAL_ID, previous == null ? null : previous.referralId());
        execution.setVariable(EarlierPathway.PREVIOUS_RECEIVED_DATE,
                previous == null ? null : PathwayDates.format(previous.receivedDate()));
        // forms submit numbers as Long or Double; the criteria stay as given (a JSON list
        // from forms and REST)
        if (!(execution.getVariable("frailtyScore") instanceof Integer)) {
            execution.setVariable("frailtyScore", referral.frailtyScore());
        }
        keepAsChecked(execution, Interpreter.LANGUAGE, referral.interpreterLanguage());
        keepAsChecked(execution, "responsibleDepartment", referral.responsibleDepartment());
        // the unique referral id is the last word when the same referral arrives twice at
        // once
        referrals.insert(referral, execution.getProcessInstanceId(), ClockUtil.getCurrentTime().toInstant(),
                CurrentUser.of(services));
    }

    /**
     * A text variable as the check accepted it (trimmed; a blank one removed): the forms
     * show the need for an interpreter whenever its variable is set.
     */
    private static void keepAsChecked(DelegateExecution execution, String key, String accepted) {
        if (accepted == null && execution.hasVariable(key)) {
            execution.removeVariable(key);
        }
        else if (accepted != null && !accepted.equals(execution.getVariable(key))) {
            execution.setVariable(key, accepted);
        }
    }

}
