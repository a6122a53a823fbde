package no.pakkeforlop.deadlines;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.function.Function;
import no.pakkeforlop.rules.PathwayDates;
import no.pakkeforlop.rules.PathwayRules.IntervalRule;
import no.pakkeforlop.rules.PathwayCatalog;
import no.pakkeforlop.rules.PathwayRules;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Due dates of the standard-time timers, used in the BPMN as
 * {@code ${deadlines.due(execution, 'INTERVAL')}}. The deadline runs from the clinical
 * date that starts the interval (not from when a task was created), so a date registered
 * late still gives the right deadline, and one already past fires at once.
 */
@Component("deadlines")
public class Deadlines {

    private final PathwayCatalog catalog;

    public Deadlines(PathwayCatalog catalog) {
        this.catalog = catalog;
    }

    /** The rules of the version the execution's pathway runs on. */
    private PathwayRules rulesOf(VariableScope execution) {
        if (execution instanceof DelegateExecution delegate) {
            return catalog.forExecution(delegate);
        }
        throw new IllegalStateException("A deadline is asked for outside a pathway's execution: " + execution);
    }

    /**
     * The first moment past the standard time, at midnight Europe/Oslo whatever the JVM's
     * zone.
     */
    public Date due(VariableScope execution, String intervalName) {
        PathwayRules rules = rulesOf(execution);
        IntervalRule interval = rules.interval(intervalName);
        String variable = rules.dateVariableOf(interval.from());
        LocalDate start = PathwayDates.parseOrNull(execution.getVariable(variable));
        if (start == null) {
            throw new IllegalStateException("Interval " + intervalName + " cannot start: no valid date in " + variable);
        }
        return Date
            .from(rules.breachMoment(interval, start, plannedEnd(rules, interval, execution::getVariable)).toInstant());
    }

    /**
     * The Camunda due date of a milestone task, used in the BPMN as
     * {@code camunda:dueDate="${deadlines.taskDue(execution, 'INTERVAL[,INTERVAL]')}"}:
     * the deadline of the standard time the task works toward, i.e. the last moment of
     * the interval's last day within the standard time (23:59:59 Europe/Oslo on its
     * {@code due} date), so Tasklist shows that date whatever the browser's or the JVM's
     * zone. When the task ends two standard times (the treatment start ends the 14- and
     * the 43-day time) the earlier deadline counts. Null (no due date) when no interval
     * has started: a task is never blocked for its due date.
     */
    public Date taskDue(VariableScope execution, String intervalNames) {
        return taskDue(rulesOf(execution), execution::getVariable, intervalNames);
    }

    /**
     * The same, from the pathway's variables as a look-up (a correction sets a task's due
     * date again from the corrected dates).
     */
    public Date taskDue(PathwayRules rules, Function<String, Object> variables, String intervalNames) {
        ZonedDateTime earliest = null;
        for (String name : intervalNames.split(",")) {
            ZonedDateTime due = lastMomentWithinStandard(rules, variables, rules.interval(name.trim()));
            if (due != null && (earliest == null || due.isBefore(earliest))) {
                earliest = due;
            }
        }
        return earliest == null ? null : Date.from(earliest.toInstant());
    }

    private static ZonedDateTime lastMomentWithinStandard(PathwayRules rules, Function<String, Object> variables,
            IntervalRule interval) {
        LocalDate start = PathwayDates.parseOrNull(variables.apply(rules.dateVariableOf(interval.from())));
        return start == null ? null
                : rules.breachMoment(interval, start, plannedEnd(rules, interval, variables)).minusSeconds(1);
    }

    /**
     * The code the interval is planned to end with, when the interval has a treatment's
     * own time (the decision's planned treatment chooses it).
     */
    private static String plannedEnd(PathwayRules rules, IntervalRule interval, Function<String, Object> variables) {
        return interval.daysByCode().isEmpty() ? null : rules.plannedEndSuffix(variables.apply("plannedTreatment"));
    }

}
