package no.pakkeforlop.checks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import no.pakkeforlop.rules.PathwayData;
import no.pakkeforlop.rules.PathwayRules;

/**
 * The form of one task of one version of a pathway, as the task's Java rule
 * ({@link TaskRule}) builds its check table on it: every field the rule names must be in
 * the form, or the table is refused loudly (an {@link IllegalStateException} naming the
 * field, the form and the task), never checked without it. What the rule does not name
 * follows with its own rule ({@link #rest}).
 */
public final class TaskForm {

    private final String task;

    private final TaskVersion version;

    private final Set<String> named = new LinkedHashSet<>();

    public TaskForm(String task, TaskVersion version) {
        this.task = task;
        this.version = version;
    }

    /** The task key. */
    public String task() {
        return task;
    }

    public PathwayRules rules() {
        return version.rules();
    }

    public PathwayData data() {
        return version.data();
    }

    public FormFields fields() {
        return version.form();
    }

    /** Whether the form has the field (a rule that asks does not name it). */
    public boolean has(String key) {
        return version.form().input(key).isPresent();
    }

    /**
     * The field's own rule, as the form gives it.
     * @throws IllegalStateException when the form has no such field
     */
    public Field field(String key) {
        FormFields.Input input = version.form()
            .input(key)
            .orElseThrow(() -> new IllegalStateException("The server's rules for the task " + task + " (pathway "
                    + version.pathway() + ") name the field " + key + ", which its form " + version.form()
                    + " does not have: add the field to the form, or the rule is wrong for this version"));
        named.add(key);
        return input.rule();
    }

    /**
     * @throws IllegalStateException when the form has no such field, or one of another
     * kind
     */
    public <T extends Field> T field(String key, Class<T> kind) {
        Field field = field(key);
        if (!kind.isInstance(field)) {
            throw new IllegalStateException(
                    "The server's rules for the task " + task + " take the field " + key + " as " + kind.getSimpleName()
                            + ", but its form " + version.form() + " makes it " + field.getClass().getSimpleName());
        }
        return kind.cast(field);
    }

    public Field.Date date(String key) {
        return field(key, Field.Date.class);
    }

    public Field.Text text(String key) {
        return field(key, Field.Text.class);
    }

    public Field.OneOf oneOf(String key) {
        return field(key, Field.OneOf.class);
    }

    public Field.YesNo yesNo(String key) {
        return field(key, Field.YesNo.class);
    }

    /** The label the form shows for the field (a message may name it). */
    public String shownLabel(String key) {
        field(key);
        return version.form().input(key).orElseThrow().label();
    }

    /**
     * The fields the rule has not named, each with its own rule, in the form's order. A
     * field the form shows only on a condition is asked for only under a rule that knows
     * the condition: one that is required and not named refuses the table.
     * @throws IllegalStateException for a required field shown on a condition no rule
     * names
     */
    public List<Check> rest() {
        return inOrder(Map.of());
    }

    /**
     * The fields the rule has not named, in the form's order: each with the rule given
     * for its key (e.g. {@link Check#shownWhen} for a field shown on a condition), or
     * else with its own, as in {@link #rest}.
     * @throws IllegalStateException for a required field shown on a condition without a
     * rule given
     */
    public List<Check> inOrder(Map<String, Function<Field, Check>> byKey) {
        List<Check> checks = new ArrayList<>();
        for (FormFields.Input input : version.form().inputs()) {
            if (!named.add(input.key())) {
                continue;
            }
            Function<Field, Check> given = byKey.get(input.key());
            if (given != null) {
                checks.add(given.apply(input.rule()));
            }
            else if (input.conditional() && input.required()) {
                throw new IllegalStateException("The field " + input.key() + " of the form " + version.form()
                        + " is required but shown only on a condition (" + String.join("; ", input.hidden())
                        + "): the server cannot evaluate the condition, so the task " + task + " (pathway "
                        + version.pathway() + ") needs a Java rule that says when it is asked for"
                        + " (Check.shownWhen)");
            }
            else {
                checks.add(input.conditional() ? input.rule().optional() : input.rule());
            }
        }
        return checks;
    }

}
