package no.pakkeforlop.intake;

import java.util.List;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;

/** Asks the decision table {@code processes/reasoned-suspicion.dmn} whether referral criteria give reasoned suspicion. */
public final class ReasonedSuspicion {

  public static final String DECISION_KEY = "reasoned-suspicion";

  private ReasonedSuspicion() {
  }

  public static boolean holds(DecisionService decisions, List<String> criteria) {
    DmnDecisionResult result = decisions.evaluateDecisionByKey(DECISION_KEY)
        .variables(Variables.createVariables().putValue("suspicionCriteria", criteria))
        .evaluate();
    return Boolean.TRUE.equals(result.getSingleResult().getEntry("reasonedSuspicion"));
  }
}
