package no.pakkeforlop.deadlines;

import java.util.HashSet;
import java.util.Set;
import no.pakkeforlop.codes.CodeRegistry;
import no.pakkeforlop.codes.RegisteredCode;
import no.pakkeforlop.rules.PathwayRules.IntervalRule;
import no.pakkeforlop.rules.PathwayCatalog;
import no.pakkeforlop.rules.PathwayRules;
import no.pakkeforlop.rules.PreviousCancer;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Runs when a standard-time timer fires: decides whether the standard time applies to
 * this pathway (it does not for symptom relief, active surveillance, no treatment or a
 * non-cancer decision), records the breach once, and sets {@code breachApplies} and
 * {@code breachedInterval} for the follow-up task.
 */
@Component("recordBreach")
public class RecordBreachDelegate {

    private final PathwayCatalog catalog;

    private final CodeRegistry codes;

    private final BreachRegistry breaches;

    private final Deadlines deadlines;

    public RecordBreachDelegate(PathwayCatalog catalog, CodeRegistry codes, BreachRegistry breaches,
            Deadlines deadlines) {
        this.catalog = catalog;
        this.codes = codes;
        this.breaches = breaches;
        this.deadlines = deadlines;
    }

    /**
     * The delegate for one interval, wired as
     * {@code ${recordBreach.forInterval('REFERRAL_TO_FIRST_ATTENDANCE')}}.
     */
    public JavaDelegate forInterval(String intervalName) {
        return execution -> {
            PathwayRules rules = catalog.forExecution(execution);
            record(execution, rules, rules.interval(intervalName));
        };
    }

    void record(DelegateExecution execution, PathwayRules rules, IntervalRule interval) {
        if (!PreviousCancer.registersCodes(execution::getVariable)) {
            // a recurrence has no pathway time to breach: the steps and their due dates
            // guide the care, but no breach is recorded and no follow-up raised
            execution.setVariable("breachApplies", false);
            return;
        }
        // a breach that already stands (its timer made anew when a correction put the
        // pathway back a step) has its follow-up already: nothing is raised twice
        boolean raise = applies(execution, rules, interval)
                && breaches.record(rules.pathway(), execution.getProcessBusinessKey(), execution.getProcessInstanceId(),
                        interval.name(), deadlines.due(execution, interval.name()).toInstant());
        if (raise) {
            execution.setVariable("breachedInterval", interval.name());
        }
        execution.setVariable("breachApplies", raise);
    }

    /**
     * A breach counts unless the interval has ended, or a code registered so far, or one
     * whose registration is under way (its values entered, the registration job not yet
     * run), makes the interval not apply. Whether the treatment times apply follows the
     * code actually registered (A32FL: not); a breach that turns out not to apply is
     * withdrawn later ({@link BreachWithdrawal}). While symptom relief is the plan and no
     * treatment has started, the treatment times are not expected to apply: no breach and
     * no follow-up task is raised for them (a treatment start registered later with FK,
     * FM or FS still shows the interval BREACHED in the status and the report, which
     * measure the codes).
     */
    private boolean applies(DelegateExecution execution, PathwayRules rules, IntervalRule interval) {
        Set<String> registered = new HashSet<>();
        for (RegisteredCode code : codes.codesOf(execution.getProcessInstanceId())) {
            registered.add(rules.suffix(code.code()));
        }
        if (symptomReliefPlanned(execution, rules, interval, registered)) {
            return false;
        }
        Set<String> decided = new HashSet<>(registered);
        // an event counts as decided once its selector and its date are both entered (a
        // suggestion is not a decision)
        rules.events()
            .values()
            .stream()
            .filter(e -> e.selector() != null && execution.getVariable(e.dateVariable()) != null)
            .forEach(e -> e.suffixFor(execution.getVariable(e.selector())).ifPresent(decided::add));
        return registered.stream().noneMatch(interval.to()::contains)
                && decided.stream().noneMatch(interval.notApplicableWhen()::contains);
    }

    /** Symptom relief is planned and the pathway has no final code yet. */
    private static boolean symptomReliefPlanned(DelegateExecution execution, PathwayRules rules, IntervalRule interval,
            Set<String> registered) {
        String symptomRelief = rules.event("TREATMENT_START").codes().get("SYMPTOM_RELIEF");
        return interval.notApplicableWhen().contains(symptomRelief)
                && "SYMPTOM_RELIEF".equals(execution.getVariable("plannedTreatment"))
                && registered.stream().noneMatch(suffix -> rules.outcomeOf(suffix).isPresent());
    }

}
