package no.pakkeforlop.process;

import java.time.LocalDate;
import no.pakkeforlop.codes.CodeRegistry;
import no.pakkeforlop.codes.RegisteredCode;
import no.pakkeforlop.deadlines.BreachWithdrawal;
import no.pakkeforlop.rules.CurrentUser;
import no.pakkeforlop.rules.PathwayDates;
import no.pakkeforlop.rules.PathwayRules.EventRule;
import no.pakkeforlop.rules.PathwayCatalog;
import no.pakkeforlop.rules.PathwayRules;
import no.pakkeforlop.rules.PreviousCancer;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Registers the pathway code of an event, wired in the BPMN as
 * {@code camunda:delegateExpression="${registerCode.forEvent('FIRST_ATTENDANCE')}"}:
 * which code and which date come from {@link PathwayRules}. Idempotent: a retried job
 * writes nothing twice. A recurrence ({@link PreviousCancer}) registers nothing, but its
 * outcome still chooses the follow-up.
 */
@Component("registerCode")
public class RegisterCodeDelegate {

    public static final String OUTCOME_VARIABLE = "pathwayOutcome";

    /**
     * The suffix of the code that ended the pathway (FK, ..., CI, X): the model's
     * follow-up branches on it.
     */
    public static final String END_CODE_VARIABLE = "pathwayEndCode";

    private final PathwayCatalog catalog;

    private final CodeRegistry registry;

    private final BreachWithdrawal withdrawal;

    public RegisterCodeDelegate(PathwayCatalog catalog, CodeRegistry registry, BreachWithdrawal withdrawal) {
        this.catalog = catalog;
        this.registry = registry;
        this.withdrawal = withdrawal;
    }

    /** The delegate registering the given event of the rules table. */
    public JavaDelegate forEvent(String eventName) {
        return execution -> {
            PathwayRules rules = catalog.forExecution(execution);
            register(execution, rules, eventName, rules.event(eventName));
        };
    }

    void register(DelegateExecution execution, PathwayRules rules, String eventName, EventRule event) {
        Object selected = event.selector() == null ? null : execution.getVariable(event.selector());
        String suffix = event.suffixFor(selected)
            .orElseThrow(() -> new IllegalStateException(
                    "No code for event " + eventName + " with " + event.selector() + " = " + selected));
        LocalDate date = PathwayDates.parseOrNull(execution.getVariable(event.dateVariable()));
        if (date == null) {
            throw new IllegalStateException("Event " + eventName + " has no valid date in " + event.dateVariable());
        }

        String key = eventName;
        if (event.repeatable()) {
            // the counter is a process variable, so it rolls back with a failed job and a
            // retry reuses the same key
            String counter = counterVariable(eventName);
            Object previous = execution.getVariable(counter);
            int occurrence = previous == null ? 1 : ((Number) previous).intValue() + 1;
            execution.setVariable(counter, occurrence);
            key = eventName + "#" + occurrence;
        }

        // a recurrence is not referred to a new pathway (the pathway document, chapter
        // 5):
        // the patient follows the same steps, but nothing is registered for NPR
        boolean registers = PreviousCancer.registersCodes(execution::getVariable);
        if (registers) {
            registry.register(new RegisteredCode(execution.getProcessBusinessKey(), execution.getProcessInstanceId(),
                    key, rules.code(suffix), date, (String) execution.getVariable("hospital"),
                    CurrentUser.of(execution.getProcessEngineServices()), rules.pathway()));
        }

        if (event.newHospitalVariable() != null) {
            execution.setVariable("hospital", execution.getVariable(event.newHospitalVariable()));
        }
        rules.outcomeOf(suffix).ifPresent(outcome -> {
            execution.setVariable(OUTCOME_VARIABLE, outcome);
            execution.setVariable(END_CODE_VARIABLE, suffix);
        });
        // a date registered now may show that a breached interval was met after all, or
        // does not apply
        if (registers) {
            withdrawal.afterRegistration(execution);
        }
    }

    static String counterVariable(String eventName) {
        String lower = eventName.toLowerCase();
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : lower.toCharArray()) {
            if (c == '_') {
                upper = true;
            }
            else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.append("Count").toString();
    }

}
