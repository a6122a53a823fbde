package no.pakkeforlop.milestones;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A task completion refused by the server-side rules. Thrown inside the completing transaction, so the
 * task stays open and no variable or code is written. Camunda's REST API answers it with 400 and the message,
 * which Tasklist shows to the user.
 */
public class MilestoneRejectedException extends BadUserRequestException {

  private final transient List<FieldError> errors;

  public MilestoneRejectedException(List<FieldError> errors) {
    super(errors.stream().map(FieldError::message).collect(Collectors.joining(" ")));
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
