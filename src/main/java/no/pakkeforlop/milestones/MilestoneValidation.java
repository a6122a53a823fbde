package no.pakkeforlop.milestones;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import no.pakkeforlop.checks.Check.Bound;
import no.pakkeforlop.checks.Check;
import no.pakkeforlop.checks.Checker;
import no.pakkeforlop.checks.Field;
import no.pakkeforlop.checks.Field.Text;
import no.pakkeforlop.checks.TaskCheck;
import no.pakkeforlop.checks.TaskForm;
import no.pakkeforlop.checks.TaskRule;
import no.pakkeforlop.checks.TaskTables;
import no.pakkeforlop.checks.TaskVersions;
import no.pakkeforlop.codes.CodeRegistry;
import no.pakkeforlop.decisions.TreatmentGroupProposal;
import no.pakkeforlop.dialogue.Interpreter;
import no.pakkeforlop.rules.PathwayData;
import no.pakkeforlop.rules.PathwayData.Intent;
import no.pakkeforlop.rules.PathwayData.OrderedDate;
import no.pakkeforlop.rules.PathwayDates;
import no.pakkeforlop.rules.PathwayInstances;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Checks what a milestone task (and the coordinator's standing task) is completed with,
 * before anything is written: every required value present and known, no date in the
 * future, no date before the milestone it follows. Each field's own rule (label,
 * required, options, length) is its form's, read from the deployment of the version the
 * task runs on; what spans fields or dates is here, registered by task key for every
 * pathway whose model has the task ({@link #rules}: a pathway added as a folder reuses
 * the task keys of the steps it shares), with the pathway's data ({@code pathway.json}:
 * the order of dates, the MDT, the treatment groups) of the same version, which also says
 * which rules a pathway's steps need (a pathway without treatment groups has no rule on
 * them; one without a gastroscopy no rule on its result). No Java names a pathway. Wired
 * in the BPMN as a task listener on "complete", a refusal throws, so the whole completion
 * rolls back. What the checks work out is stored afterwards, in {@link #record}.
 */
@Component("milestoneValidation")
public class MilestoneValidation implements TaskListener, TaskCheck {

    /**
     * The tasks this listener checks with rules of their own ({@link #rules}), in every
     * pathway whose model has them.
     */
    public static final Set<String> TASKS = Set.of("registerFirstAttendance", "registerEndoscopyResult",
            "mdtAssessment", "registerWorkupResult", "mdtMeeting", "clinicalDecision", "registerTreatmentStart",
            "registerEndOfTreatment", "pathwayAdministration");

    static final String WORKUP_FIRST = "supplementaryWorkupNeeded";

    /**
     * The date of the gastroscopy: a pathway whose dates include it ({@code pathway.json}
     * {@code dateOrder}) has a gastroscopy step, whose result the decision is checked
     * against.
     */
    static final String ENDOSCOPY_DATE = "endoscopyDate";

    /**
     * The check tables, by task key for every pathway, for the version each task runs on.
     */
    final TaskTables tables;

    private final CodeRegistry codes;

    private final TreatmentGroupProposal proposal;

    public MilestoneValidation(CodeRegistry codes, TreatmentGroupProposal proposal, TaskVersions versions) {
        this.codes = codes;
        this.proposal = proposal;
        Map<String, TaskRule> rules = rules();
        if (!rules.keySet().equals(TASKS)) {
            throw new IllegalStateException("MilestoneValidation.TASKS is not the registration: " + rules.keySet());
        }
        this.tables = TaskTables.forEveryPathway(versions, new TaskTables.Registration(rules, TaskRule.FORM_ONLY));
    }

    /**
     * The rules of the milestone tasks beyond their fields' own, by task key, each built
     * on the task's form and the pathway's data of the version the task runs on; a field
     * named here that the form lacks refuses the task's table.
     */
    private Map<String, TaskRule> rules() {
        Map<String, TaskRule> table = new LinkedHashMap<>();
        table.put("registerFirstAttendance",
                f -> withInterpreter(f, milestoneDate(f, "firstAttendanceDate"), f.field("firstAttendanceType")));
        table.put("registerEndoscopyResult", f -> List.of(milestoneDate(f, "endoscopyDate"), f.field("endoscopyResult"),
                MilestoneValidation::newGastroscopyAfterANonDiagnosticOne));
        table.put("mdtAssessment", this::mdtAssessment);
        // a pathway whose workup is the clinicians' own: the physician says whether the
        // patient goes to the MDT meeting before the decision (coding guide: the decision
        // is normally recommended by an MDT, exceptionally without one); the model
        // branches on the outcome
        table.put("registerWorkupResult", f -> List.of(f.field("workupOutcome"), f.field("workupFindings")));
        table.put("mdtMeeting", MilestoneValidation::mdtMeeting);
        table.put("clinicalDecision", f -> {
            PathwayData data = f.data();
            List<Check> decision = new ArrayList<>(List.of(milestoneDate(f, "decisionDate"), f.field("decisionCode"),
                    Check.when(c -> "CK".equals(c.acceptedText("decisionCode")), f.field("plannedTreatment"), c -> {
                        // where the workup is the gastroscopy (its result recorded), CK
                        // needs the cancer found there and the MDT's group; a pathway
                        // without that step leaves CK to the clinicians
                        if (c.value("endoscopyResult") != null && (!PROVEN_CANCER.equals(c.value("endoscopyResult"))
                                || c.value("treatmentGroup") == null)) {
                            c.error("decisionCode",
                                    "Beslutning om behandling for kreft i spiserør eller magesekk (CK) krever "
                                            + "påvist kreft i spiserør eller magesekk og en MDT-vurdering.");
                        }
                    }),
                    Check.when(
                            c -> c.acceptedText("decisionCode") != null && !"CK".equals(c.acceptedText("decisionCode"))
                                    && c.value("plannedTreatment") != null,
                            c -> c.error("plannedTreatment", plannedTreatmentOnlyForCk(data)))));
            // the physician's reasons for a decision that contradicts what came before,
            // in a pathway that has the step it contradicts
            if (hasGastroscopy(data)) {
                decision.add(reasonWhen(MilestoneValidation::noCancerAfterProvenCancer, f.text(CANCER_RULED_OUT_REASON),
                        MilestoneValidation::noCancerAfterProvenCancerMessage));
            }
            if (!data.treatmentGroups().isEmpty()) {
                decision.add(reasonWhen(c -> symptomReliefPlanInACurativeGroup(c, data), f.text(PLAN_CHANGE_REASON),
                        (c, label) -> symptomReliefPlanMessage(c, label, data)));
            }
            return withInterpreter(f, decision.toArray(Check[]::new));
        });
        table.put("registerTreatmentStart", f -> {
            PathwayData data = f.data();
            List<Check> start = new ArrayList<>(
                    List.of(milestoneDate(f, "treatmentStartDate"), f.field("treatmentStarted")));
            // the MDT's group and the treatment started, in a pathway whose MDT places
            // the patient in a group
            if (!data.treatmentGroups().isEmpty()) {
                start.add(c -> palliativeProceduresAreSymptomRelief(c, data));
                start.add(reasonWhen(c -> symptomReliefFirstInACurativeGroup(c, data), f.text(PLAN_CHANGE_REASON),
                        (c, label) -> symptomReliefFirstMessage(c, label, data)));
            }
            start.add(MilestoneValidation::consentInformationBeforeTreatment);
            return List.copyOf(start);
        });
        table.put("registerEndOfTreatment", f -> List.of(milestoneDate(f, "endOfTreatmentDate")));
        // the coordinator's standing task: a transfer (A32O) or a termination (A32X). A
        // termination never before the last code; a transfer dated the day the referral
        // was sent (coding guide), which a transfer entered late may place before later
        // codes, never before A32A, and only to another hospital
        table.put("pathwayAdministration", f -> {
            Field.Date transferDate = f.date("transferDate").notInTheFuture();
            Field.Date terminationDate = f.date("terminationDate").notInTheFuture();
            String referral = f.rules().event("REFERRAL").dateVariable();
            OrderedDate referralDate = f.data()
                .orderedDate(referral)
                .orElseThrow(() -> new IllegalStateException("Pathway data " + f.data().source()
                        + ": the referral's date " + referral + " is not in dateOrder"));
            String transferCode = f.rules().code("O");
            return List.of(f.field("administrativeAction"),
                    Check.when(c -> "TRANSFER".equals(c.acceptedText("administrativeAction")), transferDate,
                            Check.notBefore(transferDate.key(), transferDate.label(), c -> bound(c, referralDate)),
                            f.field("toHospital"), c -> transferToAnotherHospital(c, transferCode)),
                    Check.when(c -> "TERMINATE".equals(c.acceptedText("administrativeAction")), terminationDate,
                            Check.notBefore(terminationDate.key(), terminationDate.label(), this::latestCode),
                            f.field("terminationReason")));
        });
        return table;
    }

    /**
     * The task's rules, and, as it is a conversation with the patient, whether an
     * interpreter was used when the patient needs one ({@link Interpreter}).
     */
    private static List<Check> withInterpreter(TaskForm form, Check... rules) {
        List<Check> row = new ArrayList<>(List.of(rules));
        row.addAll(Interpreter.CONVERSATIONS.get(form.task()).checks(form));
        return List.copyOf(row);
    }

    /**
     * The MDT's record: staging, operability, resectability, who took part (the pathway's
     * MDT specialties), its group and recommendation. The decision table's proposal for
     * the staging is worked out last ({@link #proposeTreatmentGroup}). When the MDT asks
     * for supplementary workup first, the group and the recommendation may wait.
     */
    private List<Check> mdtAssessment(TaskForm f) {
        PathwayData data = f.data();
        List<Check> mdt = new ArrayList<>(List.of(milestoneDate(f, "mdtDate"), f.field("tumourSite"),
                f.field("histology"), f.field("tStage"), f.field("nStage"), f.field("mStage"), f.field("ecog"),
                f.field("medicallyOperable"), f.field("technicallyResectable")));
        Map<String, String> names = mdtParticipants(f, mdt);
        mdt.add(f.field(WORKUP_FIRST));
        mdt.add(Check.when(c -> !workupFirst(c), c -> mdtComposedForAGroup(c, data, names)));
        Field group = f.field("treatmentGroup");
        Field recommendation = f.field("mdtRecommendation");
        mdt.add(Check.when(c -> !workupFirst(c), group, recommendation));
        mdt.add(Check.when(MilestoneValidation::workupFirst, group.optional(), recommendation.optional()));
        Field deviationReason = f.field("groupDeviationReason");
        mdt.add(deviationReason);
        mdt.add(c -> proposeTreatmentGroup(c, data, deviationReason.label()));
        return List.copyOf(mdt);
    }

    /**
     * An MDT meeting that recommends, without staging tables or treatment groups (a
     * pathway whose MDT gives its recommendation in words): its date, who took part (the
     * pathway's MDT specialties), the recommendation. A recommendation needs the
     * specialties the pathway requires ({@code pathway.json} {@code mdt.required}).
     */
    private static List<Check> mdtMeeting(TaskForm f) {
        PathwayData data = f.data();
        List<Check> mdt = new ArrayList<>(List.of(milestoneDate(f, "mdtDate")));
        Map<String, String> names = mdtParticipants(f, mdt);
        mdt.add(c -> mdtComposedForARecommendation(c, data, names));
        mdt.add(f.field("mdtRecommendation"));
        return List.copyOf(mdt);
    }

    /**
     * Who took part: a yes/no per specialty of the pathway's MDT, at least one ticked.
     * @return the specialties' names as the form shows them, by key
     */
    private static Map<String, String> mdtParticipants(TaskForm f, List<Check> mdt) {
        List<String> specialties = f.data().mdt().specialties();
        Map<String, String> names = new LinkedHashMap<>();
        for (String specialty : specialties) {
            mdt.add(f.yesNo(specialty));
            names.put(specialty, f.shownLabel(specialty));
        }
        mdt.add(Check.atLeastOneOf(specialties, "Kryss av for hvilke spesialiteter som deltok i MDT-møtet."));
        return names;
    }

    /**
     * The specialties the pathway requires (pathway.json {@code mdt.required}) that did
     * not take part; none when nobody is ticked (the check of who took part has said so).
     */
    private static List<String> missingFromMdt(Checker checker, PathwayData data, Map<String, String> names) {
        if (names.keySet().stream().noneMatch(k -> Boolean.TRUE.equals(checker.accepted(k)))) {
            return List.of();
        }
        return data.mdt().required().stream().filter(key -> !Boolean.TRUE.equals(checker.accepted(key))).toList();
    }

    /**
     * A recommendation is given only by an MDT with the specialties the pathway requires;
     * the refusal names them, and who is missing, as the form names them.
     */
    private static void mdtComposedForARecommendation(Checker checker, PathwayData data, Map<String, String> names) {
        List<String> missing = missingFromMdt(checker, data, names);
        if (!missing.isEmpty()) {
            List<String> required = data.mdt().required().stream().map(key -> lowerFirst(names.get(key))).toList();
            checker.error(missing.get(0),
                    "MDT-møtet må ha " + inWords(required) + " til stede for å gi en anbefaling. Mangler: "
                            + String.join(", ", missing.stream().map(names::get).toList())
                            + ". Kryss av for dem som deltok.");
        }
    }

    /** "a, b og c". */
    private static String inWords(List<String> items) {
        if (items.size() < 2) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " og " + items.get(items.size() - 1);
    }

    private static String lowerFirst(String words) {
        return words.isEmpty() ? words : Character.toLowerCase(words.charAt(0)) + words.substring(1);
    }

    /**
     * Whether the pathway has a gastroscopy step: its dates include the gastroscopy's
     * ({@value #ENDOSCOPY_DATE}, which that step's rule requires in the date order).
     */
    private static boolean hasGastroscopy(PathwayData data) {
        return data.orderedDate(ENDOSCOPY_DATE).isPresent();
    }

    /**
     * A planned treatment belongs to a decision to treat the cancer (CK); where the
     * gastroscopy finds the cancer, the refusal says so.
     */
    private static String plannedTreatmentOnlyForCk(PathwayData data) {
        return hasGastroscopy(data)
                ? "Planlagt behandling skal bare fylles ut når kreft i spiserør eller magesekk er påvist og "
                        + "behandling besluttet (CK)."
                : "Planlagt behandling skal bare fylles ut når behandling av kreften er besluttet (CK).";
    }

    /**
     * The information for consent comes before the treatment (pathway.md: «Before
     * treatment: information for consent»): the talk before treatment
     * ({@code informBeforeTreatment}) is registered before its start is. The talk's task
     * runs beside the milestone from the decision on, so it never blocks the milestone
     * task from being created, only its completion.
     */
    private static void consentInformationBeforeTreatment(Checker checker) {
        if (!Boolean.TRUE.equals(checker.value("consentInformationGiven"))) {
            checker.error("treatmentStartDate",
                    "Samtale før behandling (informasjon for samtykke) må være registrert før behandlingsstarten: "
                            + "fullfør oppgaven «Samtale før behandling» først.");
        }
    }

    /**
     * In groups 4 and 5 (no curative intent) a stent, another endoscopic or surgical
     * procedure or radiotherapy relieves symptoms: it is A32FL, not A32FK or A32FS
     * (palliative chemotherapy stays A32FM). The form says so; this refuses the trap with
     * the code to use.
     */
    private static void palliativeProceduresAreSymptomRelief(Checker checker, PathwayData data) {
        String started = checker.acceptedText("treatmentStarted");
        Object group = checker.value("treatmentGroup");
        // a patient not placed in a group has none
        if (data.isGroupOf(group, Intent.PALLIATIVE) && ("SURGERY".equals(started) || "RADIATION".equals(started))) {
            checker.error("treatmentStarted", "MDT har plassert pasienten i gruppe "
                    + ("SYMPTOM_RELIEF".equals(group) ? "5 (symptomlindrende behandling)" : "4 (palliativ kjemoterapi)")
                    + ": palliativ stent, annen palliativ prosedyre eller palliativ strålebehandling er symptomlindring. "
                    + "Velg «Symptomlindrende behandling» (A32FL)" + ("PALLIATIVE_CHEMOTHERAPY".equals(group)
                            ? ", eller medikamentell behandling (A32FM) for kjemoterapien" : "")
                    + ".");
        }
    }

    /**
     * Why the decision says no cancer (A32CA, A32CI) after a biopsy that showed
     * oesophageal or gastric cancer.
     */
    public static final String CANCER_RULED_OUT_REASON = "cancerRuledOutReason";

    /**
     * Why a patient of a curative group (1-3) gets symptom relief only (A32FL): a change
     * of the MDT's plan.
     */
    public static final String PLAN_CHANGE_REASON = "planChangeReason";

    /** The clinicians' reasons for registrations that contradict what came before. */
    public static final List<String> REASONS = List.of(CANCER_RULED_OUT_REASON, PLAN_CHANGE_REASON);

    /** The gastroscopy's result that proves the cancer. */
    private static final String PROVEN_CANCER = "OESOPHAGEAL_OR_GASTRIC_CANCER";

    /**
     * A registration that contradicts what came before goes through only with the
     * clinician's reason, which is kept; the refusal says what it contradicts, naming the
     * reason's field by its label. A reason given where none is needed is checked as text
     * (the form's rule, not required) and kept too.
     */
    private static Check reasonWhen(Predicate<Checker> contradiction, Text field,
            BiFunction<Checker, String, String> refusal) {
        Field reason = field.optional();
        return checker -> {
            if (!Field.blank(checker.value(reason.key()))) {
                checker.check(List.of(reason));
            }
            else if (contradiction.test(checker)) {
                checker.error(reason.key(), refusal.apply(checker, reason.label()));
            }
        };
    }

    /**
     * "Other disease" or "no disease" after a biopsy that showed the cancer: it happens
     * (a revised histology), but it ends the pathway without a cancer, so the physician
     * says why. "Other cancer" (A32CM) does not deny a cancer and needs no reason.
     */
    private static boolean noCancerAfterProvenCancer(Checker checker) {
        String code = checker.acceptedText("decisionCode");
        return ("CA".equals(code) || "CI".equals(code)) && PROVEN_CANCER.equals(checker.value("endoscopyResult"));
    }

    private static String noCancerAfterProvenCancerMessage(Checker checker, String label) {
        return "Biopsien viste kreft i spiserør eller magesekk, men beslutningen er «"
                + ("CA".equals(checker.acceptedText("decisionCode")) ? "Annen sykdom enn kreft» (A32CA)"
                        : "Ingen sykdom funnet» (A32CI)")
                + ", som avslutter forløpet uten kreft. Skriv hvorfor kreft likevel ikke er diagnosen (for eksempel "
                + "revurdert histologi) i «" + label + "», eller velg en annen beslutning.";
    }

    /**
     * Symptom relief only, planned at the decision for a patient the MDT placed in a
     * curative group: a change of the MDT's plan, which the physician may make with the
     * patient and says why. The reason also covers the A32FL of the treatment start.
     */
    private static boolean symptomReliefPlanInACurativeGroup(Checker checker, PathwayData data) {
        return "CK".equals(checker.acceptedText("decisionCode"))
                && "SYMPTOM_RELIEF".equals(checker.acceptedText("plannedTreatment"))
                && data.isGroupOf(checker.value("treatmentGroup"), Intent.CURATIVE);
    }

    private static String symptomReliefPlanMessage(Checker checker, String label, PathwayData data) {
        return "MDT har plassert pasienten i " + data.describe((String) checker.value("treatmentGroup"))
                + ". Symptomlindrende behandling alene er en endring av MDTs plan: skriv hvorfor i «" + label
                + "», eller velg behandlingen MDT anbefalte.";
    }

    /**
     * In groups 1-3 a stent or other symptom relief before the curative treatment is not
     * the first treatment to register (neoadjuvant chemotherapy is A32FM,
     * chemoradiotherapy A32FS): A32FL ends the pathway and the 14 and 43 days no longer
     * apply. Only when the plan really changed to symptom relief only, with the
     * physician's reason (given here or at the decision), is A32FL registered.
     */
    private static boolean symptomReliefFirstInACurativeGroup(Checker checker, PathwayData data) {
        return "SYMPTOM_RELIEF".equals(checker.acceptedText("treatmentStarted"))
                && data.isGroupOf(checker.value("treatmentGroup"), Intent.CURATIVE);
    }

    private static String symptomReliefFirstMessage(Checker checker, String label, PathwayData data) {
        return "MDT har plassert pasienten i " + data.describe((String) checker.value("treatmentGroup"))
                + ". I gruppe 1-3 er en stent eller annen symptomlindring før den kurative behandlingen "
                + "vanligvis ikke den første behandlingen som registreres: neoadjuvant kjemoterapi er A32FM, "
                + "kjemoradioterapi A32FS. A32FL avslutter forløpet, og fristene på 14 og 43 dager gjelder da ikke. "
                + "Er planen endret til bare symptomlindring, skriv hvorfor i «" + label + "».";
    }

    /** The day of the latest gastroscopy whose biopsy did not answer. */
    static final String NON_DIAGNOSTIC_DATE = "nonDiagnosticEndoscopyDate";

    /**
     * A biopsy that did not answer (NON_DIAGNOSTIC) registers no code and asks for a new
     * gastroscopy: its day is kept, and the next result must be of a later gastroscopy
     * (the form comes back filled with the earlier one's date).
     */
    private static void newGastroscopyAfterANonDiagnosticOne(Checker checker) {
        if (!(checker.accepted("endoscopyDate") instanceof LocalDate date)) {
            return;
        }
        if (checker.value(NON_DIAGNOSTIC_DATE) instanceof String earlier && !date.isAfter(LocalDate.parse(earlier))) {
            checker.error("endoscopyDate",
                    "Dato for gastroskopi (" + PathwayDates.display(date) + ") må være etter gastroskopien som ikke ga "
                            + "svar (" + PathwayDates.display(LocalDate.parse(earlier))
                            + "): registrer resultatet av den nye gastroskopien.");
        }
        else if ("NON_DIAGNOSTIC".equals(checker.acceptedText("endoscopyResult"))) {
            checker.derive(NON_DIAGNOSTIC_DATE, date.toString());
        }
    }

    /**
     * A group is placed only by an MDT with the specialties the pathway requires for it
     * (pathway.json {@code mdt.required}; here oncologist, surgeon, radiologist and
     * coordinator: the coordinator, who carries the group and the deadlines on, is part
     * of the MDT like the three physicians; the gastroenterologist and the pathologist
     * are recorded when they take part, not required); the refusal names who is missing,
     * as the form names them. A meeting that asks for supplementary workup first may be
     * smaller.
     */
    private static void mdtComposedForAGroup(Checker checker, PathwayData data, Map<String, String> names) {
        List<String> missing = missingFromMdt(checker, data, names);
        if (!missing.isEmpty()) {
            checker.error(missing.get(0),
                    "MDT-møtet må ha onkolog, kirurg, radiolog og forløpskoordinator til stede for å plassere pasienten i en "
                            + "behandlingsgruppe. Mangler: "
                            + String.join(", ", missing.stream().map(names::get).toList())
                            + ". Kryss av for dem som deltok, eller be om supplerende utredning.");
        }
    }

    private static boolean workupFirst(Checker checker) {
        return Boolean.TRUE.equals(checker.accepted(WORKUP_FIRST));
    }

    /**
     * A date of the pathway's order (pathway.json {@code dateOrder}): valid, not in the
     * future, not before the dates before it; a date that may precede them not too long
     * before the referral.
     */
    private static Check milestoneDate(TaskForm form, String key) {
        Field.Date date = form.date(key).notInTheFuture();
        PathwayData data = form.data();
        OrderedDate ordered = data.orderedDate(key)
            .orElseThrow(() -> new IllegalStateException("The milestone date " + key + " of the task " + form.task()
                    + " is not in the pathway data's dateOrder (" + data.source() + ")"));
        Check order = ordered.mayPrecedeEarlierDates()
                ? checker -> notLongBeforeReferral(checker, date, ordered.maxDaysBeforeReferral(),
                        data.dateOrder().get(0))
                : Check.notBefore(key, date.label(), checker -> earlierDates(checker, data.datesBefore(key)));
        return checker -> checker.check(List.of(date, order));
    }

    private static List<Bound> earlierDates(Checker checker, List<OrderedDate> before) {
        List<Bound> earlier = new ArrayList<>();
        for (OrderedDate previous : before) {
            LocalDate date = PathwayDates.parseOrNull(checker.value(previous.variable()));
            if (date != null) {
                earlier.add(new Bound(date, previous.name()));
            }
        }
        return earlier;
    }

    private static void notLongBeforeReferral(Checker checker, Field.Date field, int maxDays, OrderedDate referral) {
        LocalDate received = PathwayDates.parseOrNull(checker.value(referral.variable()));
        if (checker.accepted(field.key()) instanceof LocalDate date && received != null
                && date.isBefore(received.minusDays(maxDays))) {
            checker.error(field.key(), field.label() + " (" + PathwayDates.display(date) + ") kan ikke være mer enn "
                    + maxDays + " dager før " + referral.name() + " (" + PathwayDates.display(received) + ").");
        }
    }

    /**
     * A transfer (A32O, the pathway's own code) moves the responsibility to another
     * health trust (coding guide: never for the hospital the pathway is at). Compared
     * without case and extra spaces.
     */
    private static void transferToAnotherHospital(Checker checker, String transferCode) {
        String to = checker.acceptedText("toHospital");
        if (to != null && checker.value("hospital") instanceof String at && sameHospital(to, at)) {
            checker.error("toHospital", "Forløpet er allerede ved " + at.strip() + ". " + transferCode
                    + " (overføring) registreres bare når ansvaret for forløpet går til et annet helseforetak.");
        }
    }

    private static List<Bound> bound(Checker checker, OrderedDate ordered) {
        LocalDate date = PathwayDates.parseOrNull(checker.value(ordered.variable()));
        return date == null ? List.of() : List.of(new Bound(date, ordered.name()));
    }

    private static boolean sameHospital(String one, String other) {
        return one.strip().replaceAll("\\s+", " ").equalsIgnoreCase(other.strip().replaceAll("\\s+", " "));
    }

    private List<Bound> latestCode(Checker checker) {
        return codes.latestDate(PathwayInstances.rootOf(checker.context(DelegateTask.class)))
            .map(date -> List.of(new Bound(date, "siste registrerte forløpskode")))
            .orElse(List.of());
    }

    /**
     * The decision table's proposal for the staging entered, kept as
     * {@code proposedTreatmentGroup}. A group other than the proposal, or a group where
     * the table proposes none, needs the MDT's reason, and the refusal names the proposal
     * (in the pathway's words) so the MDT sees it before it confirms. The table needs
     * valid staging: after any refusal it is not asked.
     */
    private void proposeTreatmentGroup(Checker checker, PathwayData data, String reasonLabel) {
        if (checker.refused()) {
            return;
        }
        Map<String, Object> staging = new LinkedHashMap<>();
        TreatmentGroupProposal.INPUTS.forEach(input -> staging.put(input, checker.accepted(input)));
        DelegateTask task = checker.context(DelegateTask.class);
        String proposed = proposal.propose(task.getProcessEngineServices(), staging).orElse(null);
        checker.derive("proposedTreatmentGroup", proposed);
        String group = checker.acceptedText("treatmentGroup");
        if (group == null || group.equals(proposed) || checker.acceptedText("groupDeviationReason") != null) {
            return;
        }
        if (proposed == null) {
            checker.error("groupDeviationReason", "Beslutningstabellen foreslår ingen behandlingsgruppe for denne "
                    + "stadieinndelingen (" + staging.get("tStage") + " " + staging.get("nStage") + " "
                    + staging.get("mStage") + ", ECOG " + staging.get("ecog") + ", "
                    + (Boolean.TRUE.equals(staging.get("medicallyOperable")) ? "" : "ikke ") + "medisinsk operabel, "
                    + (Boolean.TRUE.equals(staging.get("technicallyResectable")) ? "" : "ikke ")
                    + "teknisk resektabel). MDT har valgt " + data.describe(group) + ": begrunn valget i «"
                    + reasonLabel + "».");
        }
        else {
            checker.error("groupDeviationReason",
                    "Beslutningstabellen foreslår " + data.describe(proposed) + ". MDT har valgt "
                            + data.describe(group) + ": velg den foreslåtte gruppen, eller begrunn avviket i «"
                            + reasonLabel + "».");
        }
    }

    @Override
    public TaskTables tables() {
        return tables;
    }

    @Override
    public void notify(DelegateTask task) {
        record(task, check(task).refuseIfAny());
    }

    /**
     * The task's completion checked against its table, for the version the task runs on;
     * changes nothing.
     */
    Checker check(DelegateTask task) {
        TaskTables.Table table = tables.of(task);
        return Checker.of(task::getVariable, PathwayDates.today(table.version().rules().zone()), task)
            .check(table.checks());
    }

    /**
     * Stores what the checks of an accepted completion worked out: whole numbers as
     * Integer (the decision table reads an integer; forms submit Long or Double), yes/no
     * left empty as false (Tasklist pre-fills the next form from the variables), the
     * decision table's proposal. A deviation reason given with a request for more workup
     * is removed: the MDT meets again after the workup, and a reason must not stand
     * pre-filled, unread, for the next round's group (the history keeps it).
     */
    void record(DelegateTask task, Checker checker) {
        checker.accepted().forEach((key, value) -> {
            if ((value instanceof Integer || value instanceof Boolean)
                    && !Objects.equals(value, task.getVariable(key))) {
                task.setVariable(key, value);
            }
        });
        checker.derived().forEach(task::setVariable);
        if ("mdtAssessment".equals(task.getTaskDefinitionKey()) && workupFirst(checker)) {
            task.removeVariable("groupDeviationReason");
        }
    }

}
