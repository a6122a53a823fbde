package no.pakkeforlop.intake;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import no.pakkeforlop.milestones.FieldError;
import no.pakkeforlop.milestones.MilestoneRejectedException;
import no.pakkeforlop.pathway.PathwayDates;
import no.pakkeforlop.pathway.PathwayRules;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Runs as the pathway starts, however it is started (REST intake, Tasklist start form, Java API): checks
 * the referral and makes its referralId the business key. A refusal rolls the start back: no pathway, no code.
 */
@Component("referralIntake")
public class ReferralIntake implements ExecutionListener {

  public static final Set<String> START_BASES = Set.of("MARKED_REFERRAL", "UNMARKED_MEETS_CRITERIA",
      "SUSPICION_IN_SPECIALIST_CARE");

  private final PathwayRules rules;

  public ReferralIntake(PathwayRules rules) {
    this.rules = rules;
  }

  @Override
  public void notify(DelegateExecution execution) {
    List<FieldError> errors = new ArrayList<>();
    Object referralId = execution.getVariable("referralId");
    if (!(referralId instanceof String id) || id.isBlank()) {
      errors.add(new FieldError("referralId", "Henvisnings-ID må fylles ut."));
    } else if (execution.getProcessBusinessKey() == null) {
      execution.setProcessBusinessKey(id);
    } else if (!execution.getProcessBusinessKey().equals(id)) {
      errors.add(new FieldError("referralId", "Henvisnings-ID må være lik forretningsnøkkelen."));
    }
    LocalDate received = PathwayDates.parseOrNull(execution.getVariable("receivedDate"));
    if (received == null) {
      errors.add(new FieldError("receivedDate", "Mottaksdato må være en gyldig dato på formen ÅÅÅÅ-MM-DD."));
    } else if (received.isAfter(PathwayDates.today(rules.zone()))) {
      errors.add(new FieldError("receivedDate", "Mottaksdato (" + received + ") kan ikke være fram i tid."));
    }
    if (!START_BASES.contains(execution.getVariable("startBasis"))) {
      errors.add(new FieldError("startBasis", "Grunnlag for start av pakkeforløp må være en av " + START_BASES + "."));
    }
    Object hospital = execution.getVariable("hospital");
    if (!(hospital instanceof String h) || h.isBlank()) {
      errors.add(new FieldError("hospital", "Sykehus / helseforetak må fylles ut."));
    }
    Object nationalId = execution.getVariable("nationalId");
    NationalId.problem(nationalId instanceof String s ? s : null)
        .ifPresent(problem -> errors.add(new FieldError("nationalId", problem)));
    if (!errors.isEmpty()) {
      throw new MilestoneRejectedException(errors);
    }
  }
}
