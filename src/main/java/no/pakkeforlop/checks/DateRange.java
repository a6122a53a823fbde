package no.pakkeforlop.checks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.pakkeforlop.refusals.InputRefusedException;
import no.pakkeforlop.rules.PathwayDates;

/**
 * A date range from query parameters {@code from} and {@code to}, both included; refused
 * when it is not one. The ends are typed in a URL, so the refusals name the form
 * ÅÅÅÅ-MM-DD.
 */
public record DateRange(LocalDate from, LocalDate to) {

    private static final List<Check> BOTH_ENDS = rules(true);

    private static final List<Check> EITHER_END = rules(false);

    /**
     * The checks of a range, for a caller that checks more parameters of the same request
     * in one go.
     * @param required whether both ends must be given (otherwise either may be left out)
     */
    public static List<Check> rules(boolean required) {
        List<Check> rules = new ArrayList<>();
        for (String[] end : new String[][] { { "from", "Fra-dato" }, { "to", "Til-dato" } }) {
            rules.add(new Field.Date(end[0], end[1], false, false));
            if (required) {
                rules.add(checker -> {
                    if (Field.blank(checker.value(end[0]))) {
                        checker.error(end[0], end[1] + " må fylles ut (ÅÅÅÅ-MM-DD).");
                    }
                });
            }
        }
        rules.add(checker -> {
            if (checker.accepted("from") instanceof LocalDate start && checker.accepted("to") instanceof LocalDate end
                    && start.isAfter(end)) {
                checker.error("from", "Fra-dato (" + PathwayDates.display(start) + ") kan ikke være etter til-dato ("
                        + PathwayDates.display(end) + ").");
            }
        });
        return List.copyOf(rules);
    }

    /**
     * @throws InputRefusedException when either date is missing or invalid, or they are
     * in the wrong order
     */
    public static DateRange parse(String from, String to) {
        return parse(from, to, BOTH_ENDS);
    }

    /**
     * A range whose ends may be left out (null: open on that side).
     * @throws InputRefusedException when a date given is invalid, or they are in the
     * wrong order
     */
    public static DateRange parseOpen(String from, String to) {
        return parse(from, to, EITHER_END);
    }

    private static DateRange parse(String from, String to, List<Check> rules) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("from", from);
        parameters.put("to", to);
        Checker checker = Checker.of(parameters, null).check(rules).refuseIfAny();
        return new DateRange((LocalDate) checker.accepted("from"), (LocalDate) checker.accepted("to"));
    }

}
