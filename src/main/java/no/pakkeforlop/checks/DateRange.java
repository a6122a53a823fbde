package no.pakkeforlop.checks;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A date range from query parameters {@code from} and {@code to}, both included; refused
 * when it is not one.
 */
public record DateRange(LocalDate from, LocalDate to) {

    private static final List<Rule> RULES = List.of(new Field.Date("from", "Fra-dato", true, false),
            new Field.Date("to", "Til-dato", true, false), checker -> {
                if (checker.accepted("from") instanceof LocalDate start
                        && checker.accepted("to") instanceof LocalDate end && start.isAfter(end)) {
                    checker.error("from", "Fra-dato (" + start + ") kan ikke være etter til-dato (" + end + ").");
                }
            });

    /**
     * @throws InputRefusedException when either date is missing or invalid, or they are
     * in the wrong order
     */
    public static DateRange parse(String from, String to) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("from", from);
        parameters.put("to", to);
        Checker checker = Checker.of(parameters, null).check(RULES).refuseIfAny();
        return new DateRange((LocalDate) checker.accepted("from"), (LocalDate) checker.accepted("to"));
    }
}
