package no.pakkeforlop.checks;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import no.pakkeforlop.rules.PathwayDates;

/**
 * One row of a check table: a {@link Field}'s rule, or a rule across fields (the order of
 * dates, at least one of several, rules that apply only when another value is given). A
 * table is a list of rules, evaluated in order by one {@link Checker}, which collects
 * every refusal.
 */
@FunctionalInterface
public interface Check {

    void apply(Checker checker);

    /** A date the checked date may not precede, by the name staff know it by. */
    record Bound(LocalDate date, String name) {
    }

    /**
     * The rules that apply only when the condition holds (on what is accepted so far).
     */
    static Check when(Predicate<Checker> condition, Check... rules) {
        List<Check> then = List.of(rules);
        return checker -> {
            if (condition.test(checker)) {
                checker.check(then);
            }
        };
    }

    /**
     * A field the form shows only when the condition holds (on the values so far): then
     * its rule applies. Hidden, the form submits nothing for it; a value sent anyway (not
     * through the form) is held to the field's rule as an optional one, and nothing is
     * accepted for an absent value (no yes/no recorded as "no").
     */
    static Check shownWhen(Predicate<Checker> shown, Field field) {
        Field optional = field.optional();
        return checker -> {
            if (shown.test(checker)) {
                field.apply(checker);
            }
            else if (!Field.blank(checker.value(field.key()))) {
                optional.apply(checker);
            }
        };
    }

    /**
     * At least one of the yes/no fields ticked; otherwise one refusal, on the first of
     * them.
     */
    static Check atLeastOneOf(List<String> keys, String message) {
        return checker -> {
            if (keys.stream().noneMatch(key -> Boolean.TRUE.equals(checker.accepted(key)))) {
                checker.error(keys.get(0), message);
            }
        };
    }

    /**
     * An accepted date not before any of the bounds, checked in order; the first it
     * precedes is named: "{label} (date) kan ikke være før {bound} (its date)."
     */
    static Check notBefore(String key, String label, Function<Checker, List<Bound>> bounds) {
        return checker -> {
            if (checker.accepted(key) instanceof LocalDate date) {
                bounds.apply(checker)
                    .stream()
                    .filter(bound -> date.isBefore(bound.date()))
                    .findFirst()
                    .ifPresent(bound -> checker.error(key,
                            checker.subject(label) + " (" + PathwayDates.display(date) + ") kan ikke være før "
                                    + bound.name() + " (" + PathwayDates.display(bound.date()) + ")."));
            }
        };
    }

}
