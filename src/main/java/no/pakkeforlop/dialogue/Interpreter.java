package no.pakkeforlop.dialogue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.pakkeforlop.checks.Check;
import no.pakkeforlop.checks.Checker;
import no.pakkeforlop.checks.Field;
import no.pakkeforlop.checks.TaskForm;
import no.pakkeforlop.dialogue.DialogueCompletion.Shown;

/**
 * «Tolketjeneste skal benyttes ved behov» (pathway.md: information adapted to language,
 * interpreter when needed). A referral may name the language the patient needs an
 * interpreter for ({@value #LANGUAGE}); every conversation with the patient then shows
 * the need and asks whether an interpreter was used, and, when not, why: the health
 * service has a duty to use a qualified interpreter when the patient needs one
 * (tolkeloven § 6), and a conversation held without one is documented with its reason.
 * Without the need the question is neither shown nor asked.
 */
public final class Interpreter {

    /** The process variable: the language, as the referral gives it ("polsk"). */
    public static final String LANGUAGE = "interpreterLanguage";

    public static final int LANGUAGE_MAX = 100;

    /**
     * The forms' condition (FEEL) for hiding what concerns the interpreter: no language
     * given.
     */
    public static final String HIDDEN_UNLESS_NEEDED = "=" + LANGUAGE + " = null or " + LANGUAGE + " = \"\"";

    /**
     * The conversations with the patient (pathway.md, Dialogue with the patient; the
     * first attendance and the decision taken together with the patient), by task key,
     * each with the keys of its own answer: Tasklist fills a form from the variables of
     * the same name, so one conversation's answer must not stand on the next one's form.
     */
    public static final Map<String, Question> CONVERSATIONS = Collections.unmodifiableMap(conversations());

    private static Map<String, Question> conversations() {
        Map<String, Question> conversations = new LinkedHashMap<>();
        conversations.put("informPatientAtReferral", new Question("interpreterUsed", "interpreterNotUsedReason"));
        conversations.put("registerFirstAttendance",
                new Question("firstAttendanceInterpreterUsed", "firstAttendanceInterpreterNotUsedReason"));
        conversations.put("clinicalDecision",
                new Question("decisionInterpreterUsed", "decisionInterpreterNotUsedReason"));
        conversations.put("informBeforeTreatment",
                new Question("treatmentInterpreterUsed", "treatmentInterpreterNotUsedReason"));
        conversations.put("offerNeedsAssessment",
                new Question("needsAssessmentInterpreterUsed", "needsAssessmentInterpreterNotUsedReason"));
        conversations.put("makeControlPlan",
                new Question("surveillanceInterpreterUsed", "surveillanceInterpreterNotUsedReason"));
        conversations.put("dischargeConversation",
                new Question("dischargeInterpreterUsed", "dischargeInterpreterNotUsedReason"));
        conversations.put("palliativeFollowUpPlan",
                new Question("palliativeInterpreterUsed", "palliativeInterpreterNotUsedReason"));
        conversations.put("referToOtherPathway",
                new Question("otherPathwayInterpreterUsed", "otherPathwayInterpreterNotUsedReason"));
        conversations.put("informPatientOfResult",
                new Question("resultInterpreterUsed", "resultInterpreterNotUsedReason"));
        conversations.put("offerNeedsAssessmentAfterTermination",
                new Question("terminationNeedsTalkInterpreterUsed", "terminationNeedsTalkInterpreterNotUsedReason"));
        return conversations;
    }

    private Interpreter() {
    }

    /** Whether the pathway's patient needs an interpreter (a language is given). */
    public static boolean needed(Checker checker) {
        return !Field.blank(checker.value(LANGUAGE));
    }

    /**
     * One conversation's question: was an interpreter used (yes or no, required when the
     * patient needs one), and when not, why (required then). The two fields, with their
     * labels and rules, are the conversation's form's (*Bruk av tolk*, *Begrunnelse for
     * at tolk ikke ble brukt*); when they are asked for is the rule here.
     */
    public record Question(String usedKey, String reasonKey) {

        /** The form's condition (FEEL) for hiding the reason. */
        public String reasonHidden() {
            return HIDDEN_UNLESS_NEEDED + " or " + usedKey + " != false";
        }

        /** When each of the two fields is shown, and asked for, by key. */
        public Map<String, Shown> shown() {
            Map<String, Shown> shown = new LinkedHashMap<>();
            shown.put(usedKey, new Shown(Interpreter::needed, HIDDEN_UNLESS_NEEDED));
            shown.put(reasonKey, new Shown(c -> needed(c) && Boolean.FALSE.equals(c.value(usedKey)), reasonHidden()));
            return shown;
        }

        /**
         * The question's rules, for a check table: the form's two fields, each asked for
         * when it is shown.
         * @throws IllegalStateException when the conversation's form lacks them
         */
        public List<Check> checks(TaskForm form) {
            Map<String, Shown> shown = shown();
            return List.of(Check.shownWhen(shown.get(usedKey).when(), form.field(usedKey)),
                    Check.shownWhen(shown.get(reasonKey).when(), form.field(reasonKey)));
        }

    }

}
