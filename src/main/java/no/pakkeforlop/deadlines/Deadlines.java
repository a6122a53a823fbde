package no.pakkeforlop.deadlines;

import java.time.LocalDate;
import java.util.Date;
import no.pakkeforlop.pathway.PathwayDates;
import no.pakkeforlop.pathway.PathwayRules;
import no.pakkeforlop.pathway.PathwayRules.IntervalRule;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Due dates of the standard-time timers, used in the BPMN as {@code ${deadlines.due(execution, 'INTERVAL')}}.
 * The deadline runs from the clinical date that starts the interval (not from when a task was created), so a
 * date registered late still gives the right deadline, and one already past fires at once.
 */
@Component("deadlines")
public class Deadlines {

  private final PathwayRules rules;

  public Deadlines(PathwayRules rules) {
    this.rules = rules;
  }

  /** The first moment past the standard time, at midnight Europe/Oslo whatever the JVM's zone. */
  public Date due(VariableScope execution, String intervalName) {
    IntervalRule interval = rules.interval(intervalName);
    String variable = rules.dateVariableOf(interval.from());
    LocalDate start = PathwayDates.parseOrNull(execution.getVariable(variable));
    if (start == null) {
      throw new IllegalStateException("Interval " + intervalName + " cannot start: no valid date in " + variable);
    }
    return Date.from(rules.breachMoment(interval, start).toInstant());
  }
}
