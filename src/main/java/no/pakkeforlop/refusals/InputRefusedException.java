package no.pakkeforlop.refusals;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * Input refused by the server-side checks (a referral, a task completion, an
 * administrative action, query parameters), with every field concerned. Thrown inside the
 * completing transaction, so the task stays open and no variable or code is written. It
 * is Camunda's form validation exception, which Camunda's REST API answers with 400 and
 * the message, and Tasklist shows to the user; the application's own API answers it 400
 * (api.Refusals).
 */
public class InputRefusedException extends FormFieldValidationException {

    private final transient List<FieldError> errors;

    public InputRefusedException(List<FieldError> errors) {
        super(errors.get(0).field(), errors.stream().map(FieldError::message).collect(Collectors.joining(" ")));
        this.errors = List.copyOf(errors);
    }

    public InputRefusedException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    /**
     * The same refusal with the fields named as the caller knows them (JSON fields rather
     * than process variables).
     */
    public InputRefusedException renamed(UnaryOperator<String> fieldName) {
        return new InputRefusedException(
                errors.stream().map(e -> new FieldError(fieldName.apply(e.field()), e.message())).toList());
    }

    public List<FieldError> errors() {
        return errors;
    }

}
