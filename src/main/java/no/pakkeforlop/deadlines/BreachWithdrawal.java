package no.pakkeforlop.deadlines;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import no.pakkeforlop.codes.CodeRegistry;
import no.pakkeforlop.reports.PathwayTimes.IntervalTime;
import no.pakkeforlop.reports.PathwayTimes;
import no.pakkeforlop.rules.PathwayDates;
import no.pakkeforlop.rules.PathwayCatalog;
import no.pakkeforlop.rules.PathwayInstances;
import no.pakkeforlop.rules.PathwayRules;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Breach alerts that stay true (issue 11, item 7). After each code registration, every
 * breach of the pathway that still stands is measured again on the registered codes
 * ({@link PathwayTimes}, the rule the status and the report use): when a date registered
 * later shows the interval was met after all, or a code shows it does not apply (A32FL,
 * FO, FI, CM, CA, CI for the treatment times), the breach row is marked withdrawn with
 * that reason, and a message tells its open {@code followUpBreach} task, whose boundary
 * event in the model ends it: Cockpit and the history show the withdrawal and why.
 */
@Component
public class BreachWithdrawal {

    /**
     * The reasons, as stored in {@code pathway_breach.withdrawn_reason}, and the message
     * each sends to the task.
     */
    public enum Reason {

        MET("deadlineMetAfterAll"), NOT_APPLICABLE("deadlineNotApplicable");

        public final String message;

        Reason(String message) {
            this.message = message;
        }

    }

    private final PathwayCatalog catalog;

    private final CodeRegistry codes;

    private final BreachRegistry breaches;

    public BreachWithdrawal(PathwayCatalog catalog, CodeRegistry codes, BreachRegistry breaches) {
        this.catalog = catalog;
        this.codes = codes;
        this.breaches = breaches;
    }

    /**
     * Withdraws the breaches of the execution's pathway that its registered codes no
     * longer bear out.
     */
    public void afterRegistration(DelegateExecution execution) {
        withdrawUnfounded(catalog.forExecution(execution), execution.getProcessInstanceId(),
                execution.getProcessEngineServices().getRuntimeService());
    }

    /**
     * Withdraws the breaches of a pathway that its registered codes no longer bear out
     * (after a registration or a correction).
     * @return the intervals withdrawn now
     */
    public List<String> withdrawUnfounded(PathwayRules rules, String processInstanceId, RuntimeService runtime) {
        List<String> open = breaches.openBreaches(processInstanceId);
        if (open.isEmpty()) {
            return List.of();
        }
        Map<String, IntervalTime> now = intervalsOf(rules, processInstanceId);
        List<String> withdrawn = new ArrayList<>();
        for (String interval : open) {
            Reason reason = switch (now.get(interval).status()) {
                case MET -> Reason.MET;
                case NOT_APPLICABLE -> Reason.NOT_APPLICABLE;
                default -> null;
            };
            if (reason != null && breaches.withdraw(processInstanceId, interval, reason.name())) {
                withdrawn.add(interval);
                // the follow-up runs in the shared process the pathway calls
                for (String instance : PathwayInstances.of(runtime, processInstanceId)) {
                    runtime.createMessageCorrelation(reason.message)
                        .processInstanceId(instance)
                        .localVariableEquals("breachedInterval", interval)
                        .correlateAll();
                }
            }
        }
        return withdrawn;
    }

    /**
     * The intervals of the pathway as its registered codes have them today, by name.
     */
    public Map<String, IntervalTime> intervalsOf(PathwayRules rules, String processInstanceId) {
        return new PathwayTimes(rules).of(codes.codesOf(processInstanceId), PathwayDates.today(rules.zone()))
            .stream()
            .collect(Collectors.toMap(IntervalTime::interval, Function.identity()));
    }

}
