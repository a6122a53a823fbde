package no.pakkeforlop.dialogue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import no.pakkeforlop.checks.Check;
import no.pakkeforlop.checks.Checker;
import no.pakkeforlop.checks.Field;
import no.pakkeforlop.checks.TaskCheck;
import no.pakkeforlop.checks.TaskForm;
import no.pakkeforlop.checks.TaskTables;
import no.pakkeforlop.checks.TaskVersions;
import no.pakkeforlop.rules.PreviousCancer;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Completion of a patient-dialogue or follow-up task: what its form records is checked
 * against the form itself (the checklist: each item's label, whether it must be ticked,
 * options, length), read from the deployment of the version the task runs on, and a
 * completion that leaves out a mandatory item is refused with a Norwegian message that
 * quotes the item's label, like a milestone. The Java rules here are what spans fields:
 * when a field the form shows only on a condition is asked for ({@link #SHOWN}), and
 * checks across fields ({@link #ACROSS_FIELDS}), registered by task key for every pathway
 * whose model has the task (a pathway added as a folder reuses the keys of the
 * conversations and checklists it shares). A new checklist item is a field in its form,
 * nothing more.
 */
@Component("dialogueCompletion")
public class DialogueCompletion implements TaskListener, TaskCheck {

    /** Rules across the fields of a task, after its fields' own, by task key. */
    static final Map<String, Function<TaskForm, List<Check>>> ACROSS_FIELDS = Map.of("informBeforeTreatment",
            form -> List.of(fertilityWhereRequired(form.field("fertilityAssessed").label())));

    /**
     * A field a form shows only when the pathway's values say so: the server asks for it
     * only then ({@link Check#shownWhen}), and the form hides it by {@code hide}, the
     * same condition in FEEL (FormsTest holds the two equal).
     */
    public record Shown(Predicate<Checker> when, String hide) {
    }

    /** Start basis 3: reasoned suspicion arising in specialist care, no referral. */
    static final String SUSPICION_IN_SPECIALIST_CARE = "SUSPICION_IN_SPECIALIST_CARE";

    /** The fields of the checklists shown only on a condition, by field key. */
    public static final Map<String, Shown> SHOWN = Collections.unmodifiableMap(shown());

    private static Map<String, Shown> shown() {
        Map<String, Shown> shown = new LinkedHashMap<>();
        // start basis 3 (the suspicion arose in the hospital) has no referral to copy:
        // the GP is told of the pathway instead
        shown.put("referralCopyToGp", new Shown(c -> !SUSPICION_IN_SPECIALIST_CARE.equals(c.value("startBasis")),
                "=startBasis = \"" + SUSPICION_IN_SPECIALIST_CARE + "\""));
        shown.put("gpInformedOfPathway", new Shown(c -> SUSPICION_IN_SPECIALIST_CARE.equals(c.value("startBasis")),
                "=startBasis != \"" + SUSPICION_IN_SPECIALIST_CARE + "\""));
        Interpreter.CONVERSATIONS.values().forEach(question -> shown.putAll(question.shown()));
        return shown;
    }

    /**
     * The check tables, by task key for every pathway, for the version each task runs on.
     */
    final TaskTables tables;

    public DialogueCompletion(TaskVersions versions) {
        this.tables = TaskTables.forEveryPathway(versions,
                new TaskTables.Registration(Map.of(), DialogueCompletion::checklist));
    }

    /**
     * A checklist's table: its form's fields in order, those shown on a condition asked
     * for only then, and the task's rules across its fields after them.
     */
    static List<Check> checklist(TaskForm form) {
        Map<String, Function<Field, Check>> shown = new LinkedHashMap<>();
        SHOWN.forEach((key, when) -> shown.put(key, field -> Check.shownWhen(when.when(), field)));
        List<Check> checks = new ArrayList<>(form.inOrder(shown));
        checks.addAll(ACROSS_FIELDS.getOrDefault(form.task(), f -> List.of()).apply(form));
        return checks;
    }

    /**
     * The coordinator's answer in {@code clarifyPreviousCancer}; it becomes the pathway's
     * {@link PreviousCancer}.
     */
    static final String CLARIFIED_PREVIOUS_CANCER = "previousCancerDecision";

    @Override
    public TaskTables tables() {
        return tables;
    }

    @Override
    public void notify(DelegateTask task) {
        // a checklist has no dates: today does not matter
        Checker checker = Checker.of(task::getVariable, null, task)
            .quotingLabels()
            .check(tables.of(task).checks())
            .refuseIfAny();
        closeWorkupRequest(task);
        if ("clarifyPreviousCancer".equals(task.getTaskDefinitionKey())) {
            task.setVariable(PreviousCancer.VARIABLE, checker.accepted(CLARIFIED_PREVIOUS_CANCER));
        }
        scoreNutritionScreening(task, checker);
    }

    /**
     * The MDT's request is answered: its next assessment starts without it (Tasklist
     * pre-fills forms from variables).
     */
    private static void closeWorkupRequest(DelegateTask task) {
        if ("supplementaryWorkup".equals(task.getTaskDefinitionKey())) {
            task.setVariable("supplementaryWorkupNeeded", false);
        }
    }

    /**
     * Fertility is taken up in the talk before treatment of a patient of fertile age
     * whose treatment can affect reproduction ({@link FertilityInformation}, decided when
     * the task started); the refusal quotes the item's label.
     */
    private static Check fertilityWhereRequired(String label) {
        return checker -> {
            if (Boolean.TRUE.equals(checker.value(FertilityInformation.REQUIRED_VARIABLE))
                    && !Boolean.TRUE.equals(checker.accepted("fertilityAssessed"))) {
                checker.error("fertilityAssessed", "«" + label + "» må være krysset av: pasienten er i fertil alder, "
                        + "og planlagt behandling (cellegift eller strålebehandling) kan påvirke fruktbarheten.");
            }
        };
    }

    /** NRS 2002: this total or more means nutritional risk. */
    static final int NRS_AT_RISK = 3;

    /**
     * NRS 2002's total (0-7) is kept with the screening, and whether the patient is at
     * nutritional risk, which sends the referral to the dietitian.
     */
    private static void scoreNutritionScreening(DelegateTask task, Checker checker) {
        if ("nutritionScreening".equals(task.getTaskDefinitionKey())) {
            int total = (Integer) checker.accepted("nrsNutritionScore") + (Integer) checker.accepted("nrsSeverityScore")
                    + (Boolean.TRUE.equals(checker.accepted("nrsAge70OrOlder")) ? 1 : 0);
            task.setVariable("nrsNutritionScore", checker.accepted("nrsNutritionScore"));
            task.setVariable("nrsSeverityScore", checker.accepted("nrsSeverityScore"));
            task.setVariable("nrsTotalScore", total);
            task.setVariable("nutritionAtRisk", total >= NRS_AT_RISK);
        }
    }

}
