package no.pakkeforlop.checks;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A task completion refused by the server-side rules. Thrown inside the completing transaction, so the
 * task stays open and no variable or code is written. It is Camunda's form validation exception, which
 * Camunda's REST API answers with 400 and the message, and Tasklist shows to the user.
 */
public class InputRefusedException extends FormFieldValidationException {

  private final transient List<FieldError> errors;

  public InputRefusedException(List<FieldError> errors) {
    super(errors.get(0).field(), errors.stream().map(FieldError::message).collect(Collectors.joining(" ")));
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
