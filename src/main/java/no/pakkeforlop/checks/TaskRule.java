package no.pakkeforlop.checks;

import java.util.List;

/**
 * The Java rules of a task: what its form cannot say (the order of dates, a field shown
 * only on a condition, at least one of several, a reason required after a contradiction,
 * a date not in the future), built on the fields of the task's form and the data of its
 * pathway's version. The fields it names are taken from the form
 * ({@link TaskForm#field}), in its order; the form's other fields follow with their own
 * rules. Registered by task key, for every pathway whose model has the task or for one
 * pathway ({@link TaskTables}).
 */
@FunctionalInterface
public interface TaskRule {

    /** No rule of its own: the form's fields, each with its own rule. */
    TaskRule FORM_ONLY = form -> List.of();

    /**
     * The task's check table, in order.
     * @throws IllegalStateException when the form lacks a field the rule names
     */
    List<Check> checks(TaskForm form);

}
