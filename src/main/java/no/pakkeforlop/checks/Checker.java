package no.pakkeforlop.checks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import no.pakkeforlop.refusals.FieldError;
import no.pakkeforlop.refusals.InputRefusedException;

/**
 * Evaluates check tables ({@link Check}s and {@link Field}s) against the values of one
 * referral, task completion or request, and collects every refusal. What it accepts, in
 * normal form, is there for the rules after it and for the caller; the checker itself
 * changes nothing.
 */
public final class Checker {

    private final Function<String, Object> values;

    private final LocalDate today;

    private final boolean quoteLabels;

    private final Object context;

    private final List<FieldError> errors = new ArrayList<>();

    private final Map<String, Object> accepted = new LinkedHashMap<>();

    private final Map<String, Object> derived = new LinkedHashMap<>();

    private Checker(Function<String, Object> values, LocalDate today, boolean quoteLabels, Object context) {
        this.values = values;
        this.today = today;
        this.quoteLabels = quoteLabels;
        this.context = context;
    }

    /**
     * @param today today in the pathway's zone (dates after it are in the future)
     */
    public static Checker of(Map<String, ?> values, LocalDate today) {
        return new Checker(values::get, today, false, null);
    }

    /**
     * @param context what the table's own rules may need (the task being completed)
     */
    public static Checker of(Function<String, Object> values, LocalDate today, Object context) {
        return new Checker(values, today, false, context);
    }

    /**
     * The same values with the labels quoted in messages: for checklists, whose labels
     * are whole sentences.
     */
    public Checker quotingLabels() {
        return new Checker(values, today, true, context);
    }

    public Checker check(List<? extends Check> rules) {
        for (Check rule : rules) {
            rule.apply(this);
        }
        return this;
    }

    /**
     * @throws InputRefusedException with every refusal, if there is one
     */
    public Checker refuseIfAny() {
        if (!errors.isEmpty()) {
            throw new InputRefusedException(errors);
        }
        return this;
    }

    public Object value(String key) {
        return values.apply(key);
    }

    /**
     * Today, for dates that may not lie in the future; a table with such a date needs it.
     */
    public LocalDate today() {
        if (today == null) {
            throw new IllegalStateException("This check table has a date that may not lie in the future, but the"
                    + " checker was given no today");
        }
        return today;
    }

    public <T> T context(Class<T> type) {
        return type.cast(context);
    }

    /**
     * The value as accepted (normal form), or null when it was absent, refused or not
     * checked.
     */
    public Object accepted(String key) {
        return accepted.get(key);
    }

    public String acceptedText(String key) {
        return accepted.get(key) instanceof String text ? text : null;
    }

    /** Every value accepted, in its normal form, in the order checked. */
    public Map<String, Object> accepted() {
        return Collections.unmodifiableMap(accepted);
    }

    /**
     * A value a rule worked out from the others (the decision table's proposal), for the
     * caller to store.
     */
    public void derive(String key, Object value) {
        derived.put(key, value);
    }

    public Map<String, Object> derived() {
        return Collections.unmodifiableMap(derived);
    }

    public boolean refused() {
        return !errors.isEmpty();
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /**
     * Records a refusal of the field, "{label} {problem}", and answers null (nothing
     * accepted).
     */
    public Object refuse(Field field, String problem) {
        error(field.key(), subject(field.label()) + " " + problem);
        return null;
    }

    /** The label as messages begin with it. */
    public String subject(String label) {
        return quoteLabels ? "«" + label + "»" : label;
    }

    /**
     * Records a value as accepted by a rule of the table's own (null: nothing accepted).
     */
    public void accept(String key, Object value) {
        if (value == null) {
            accepted.remove(key);
        }
        else {
            accepted.put(key, value);
        }
    }

}
