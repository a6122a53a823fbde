package no.pakkeforlop.milestones;

import static no.pakkeforlop.decisions.TreatmentGroupProposal.GROUPS;
import static no.pakkeforlop.decisions.TreatmentGroupProposal.describe;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import no.pakkeforlop.checks.Check.Bound;
import no.pakkeforlop.checks.Check;
import no.pakkeforlop.checks.Checker;
import no.pakkeforlop.checks.Field;
import no.pakkeforlop.checks.Field.Date;
import no.pakkeforlop.checks.Field.OneOf;
import no.pakkeforlop.checks.Field.Text;
import no.pakkeforlop.checks.Field.WholeNumber;
import no.pakkeforlop.checks.Field.YesNo.Need;
import no.pakkeforlop.checks.Field.YesNo;
import no.pakkeforlop.codes.CodeRegistry;
import no.pakkeforlop.decisions.TreatmentGroupProposal;
import no.pakkeforlop.dialogue.Interpreter;
import no.pakkeforlop.rules.PathwayDates;
import no.pakkeforlop.rules.PathwayCatalog;
import no.pakkeforlop.rules.ValueLists;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Checks what a milestone task (and the coordinator's standing task) is completed with,
 * before anything is written: every required value present and known, no date in the
 * future, no date before the milestone it follows. The rules are a table, one row per
 * task key ({@link #taskRules}); wired in the BPMN as a task listener on "complete", a
 * refusal throws, so the whole completion rolls back. What the checks work out is stored
 * afterwards, in {@link #record}.
 */
@Component("milestoneValidation")
public class MilestoneValidation implements TaskListener {

    /** The milestone dates in pathway order, with the names staff know them by. */
    static final Map<String, String> DATE_CHAIN = new LinkedHashMap<>();

    static {
        DATE_CHAIN.put("receivedDate", "mottaksdatoen for henvisningen");
        DATE_CHAIN.put("firstAttendanceDate", "datoen for første fremmøte");
        DATE_CHAIN.put("endoscopyDate", "datoen for gastroskopien");
        DATE_CHAIN.put("mdtDate", "datoen for MDT-møtet");
        DATE_CHAIN.put("decisionDate", "beslutningsdatoen");
        DATE_CHAIN.put("treatmentStartDate", "datoen for behandlingsstart");
        DATE_CHAIN.put("endOfTreatmentDate", "datoen for avsluttet primærbehandling");
    }

    /**
     * Dates that may lie before the milestones before them in the chain: a gastroscopy
     * done as the filter function (pathway.md: uncertain symptoms are referred to
     * gastroscopy, and cancer found there is referred to the pathway) lies before the
     * referral. Later dates are still checked against it.
     */
    static final Set<String> MAY_PRECEDE_EARLIER_MILESTONES = Set.of("endoscopyDate");

    /**
     * How long before the referral such a gastroscopy may lie: it is what led to the
     * referral, not an old finding.
     */
    static final int MAX_DAYS_BEFORE_REFERRAL = 365;

    /**
     * The specialties of the MDT (pathway.md: oncologist, surgeon, radiologist,
     * coordinator; others when needed).
     */
    public static final Map<String, String> MDT_SPECIALTIES = specialties();
    static final int MAX_TEXT = 200;
    static final int MAX_LONG_TEXT = 2000;
    static final String WORKUP_FIRST = "supplementaryWorkupNeeded";

    private static Map<String, String> specialties() {
        Map<String, String> specialties = new LinkedHashMap<>();
        specialties.put("mdtOncologistPresent", "Onkolog");
        specialties.put("mdtSurgeonPresent", "Kirurg");
        specialties.put("mdtRadiologistPresent", "Radiolog");
        specialties.put("mdtCoordinatorPresent", "Forløpskoordinator");
        specialties.put("mdtGastroenterologistPresent", "Gastroenterolog");
        specialties.put("mdtPathologistPresent", "Patolog");
        return Collections.unmodifiableMap(specialties);
    }

    /** What each task is completed with, by task key. */
    final Map<String, List<Check>> taskRules;

    private final PathwayCatalog catalog;

    private final CodeRegistry codes;

    private final TreatmentGroupProposal proposal;

    public MilestoneValidation(PathwayCatalog catalog, CodeRegistry codes, TreatmentGroupProposal proposal) {
        this.catalog = catalog;
        this.codes = codes;
        this.proposal = proposal;
        this.taskRules = Collections.unmodifiableMap(table());
    }

    private Map<String, List<Check>> table() {
        Map<String, List<Check>> table = new LinkedHashMap<>();
        table.put("registerFirstAttendance", withInterpreter("registerFirstAttendance",
                milestoneDate("firstAttendanceDate", "Dato for første fremmøte"),
                new OneOf("firstAttendanceType", "Type første fremmøte", ValueLists.FIRST_ATTENDANCE_TYPES, true)));
        table.put("registerEndoscopyResult",
                List.of(milestoneDate("endoscopyDate", "Dato for gastroskopi"),
                        new OneOf("endoscopyResult", "Resultat av gastroskopi", ValueLists.ENDOSCOPY_RESULTS, true),
                        MilestoneValidation::newGastroscopyAfterANonDiagnosticOne));
        table.put("mdtAssessment", mdtAssessment());
        // a pathway whose workup is the clinicians' own: the physician says whether the
        // patient goes to the MDT meeting before the decision (coding guide: the decision
        // is normally recommended by an MDT, exceptionally without one)
        table.put("registerWorkupResult",
                List.of(new OneOf("workupOutcome", "Resultat av utredningen", WORKUP_OUTCOMES, true),
                        Text.lines("workupFindings", "Funn i utredningen", MAX_LONG_TEXT, false)));
        table.put("mdtMeeting", mdtMeeting());
        table.put("clinicalDecision", withInterpreter("clinicalDecision",
                milestoneDate("decisionDate", "Beslutningsdato"),
                new OneOf("decisionCode", "Beslutning", ValueLists.DECISION_CODES, true),
                Check.when(c -> "CK".equals(c.acceptedText("decisionCode")),
                        new OneOf("plannedTreatment", "Planlagt behandling", ValueLists.PLANNED_TREATMENTS, true),
                        c -> {
                            // where the workup is the gastroscopy (its result recorded),
                            // CK needs the cancer found there and the MDT's group; a
                            // pathway without that step leaves CK to the clinicians
                            if (c.value("endoscopyResult") != null
                                    && (!"OESOPHAGEAL_OR_GASTRIC_CANCER".equals(c.value("endoscopyResult"))
                                            || c.value("treatmentGroup") == null)) {
                                c.error("decisionCode",
                                        "Beslutning om behandling for kreft i spiserør eller magesekk (CK) krever "
                                                + "påvist kreft i spiserør eller magesekk og en MDT-vurdering.");
                            }
                        }),
                Check.when(
                        c -> c.acceptedText("decisionCode") != null && !"CK".equals(c.acceptedText("decisionCode"))
                                && c.value("plannedTreatment") != null,
                        c -> c.error("plannedTreatment",
                                "Planlagt behandling skal bare fylles ut når kreft i spiserør eller "
                                        + "magesekk er påvist og behandling besluttet (CK).")),
                reasonWhen(MilestoneValidation::noCancerAfterProvenCancer, CANCER_RULED_OUT_REASON,
                        CANCER_RULED_OUT_LABEL, MilestoneValidation::noCancerAfterProvenCancerMessage),
                reasonWhen(MilestoneValidation::symptomReliefPlanInACurativeGroup, PLAN_CHANGE_REASON,
                        PLAN_CHANGE_LABEL, MilestoneValidation::symptomReliefPlanMessage)));
        table.put("registerTreatmentStart",
                List.of(milestoneDate("treatmentStartDate", "Dato for behandlingsstart"), new OneOf("treatmentStarted",
                        "Første behandling som ble gitt", ValueLists.TREATMENTS_STARTED, true),
                        MilestoneValidation::palliativeProceduresAreSymptomRelief,
                        reasonWhen(MilestoneValidation::symptomReliefFirstInACurativeGroup, PLAN_CHANGE_REASON,
                                PLAN_CHANGE_LABEL, MilestoneValidation::symptomReliefFirstMessage),
                        MilestoneValidation::consentInformationBeforeTreatment));
        table.put("registerEndOfTreatment",
                List.of(milestoneDate("endOfTreatmentDate", "Dato for avsluttet primærbehandling")));
        // the coordinator's standing task: a transfer (A32O) or a termination (A32X). A
        // termination never before the last code; a transfer dated the day the referral
        // was sent (coding guide), which a transfer entered late may place before later
        // codes, never before A32A, and only to another hospital
        table.put("pathwayAdministration", List.of(
                new OneOf("administrativeAction", "Handling", ValueLists.ADMINISTRATIVE_ACTIONS, true),
                Check.when(c -> "TRANSFER".equals(c.acceptedText("administrativeAction")),
                        new Date("transferDate", "Dato for overføring", true, true),
                        Check.notBefore("transferDate", "Dato for overføring", MilestoneValidation::referralDate),
                        new Text("toHospital", "Sykehuset (helseforetaket) som overtar ansvaret for forløpet", MAX_TEXT,
                                true),
                        MilestoneValidation::transferToAnotherHospital),
                Check.when(c -> "TERMINATE".equals(c.acceptedText("administrativeAction")),
                        new Date("terminationDate", "Dato for avslutning", true, true),
                        Check.notBefore("terminationDate", "Dato for avslutning", this::latestCode),
                        new OneOf("terminationReason", "Årsak til avslutning", ValueLists.TERMINATION_REASONS, true))));
        return table;
    }

    /**
     * The task's rules, and, as it is a conversation with the patient, whether an
     * interpreter was used when the patient needs one ({@link Interpreter}).
     */
    private static List<Check> withInterpreter(String task, Check... rules) {
        List<Check> row = new ArrayList<>(List.of(rules));
        row.addAll(Interpreter.CONVERSATIONS.get(task).checks());
        return List.copyOf(row);
    }

    /**
     * The MDT's record: staging, operability, resectability, who took part, its group and
     * recommendation. The decision table's proposal for the staging is worked out last
     * ({@link #proposeTreatmentGroup}). When the MDT asks for supplementary workup first,
     * the group and the recommendation may wait.
     */
    private List<Check> mdtAssessment() {
        List<Check> mdt = new ArrayList<>(List.of(milestoneDate("mdtDate", "Dato for MDT-møtet"),
                new OneOf("tumourSite", "Tumorlokalisasjon", ValueLists.TUMOUR_SITES, true),
                new OneOf("histology", "Histologi", ValueLists.HISTOLOGIES, true),
                new OneOf("tStage", "T-stadium", ValueLists.T_STAGES, true),
                new OneOf("nStage", "N-stadium", ValueLists.N_STAGES, true),
                new OneOf("mStage", "M-stadium", ValueLists.M_STAGES, true),
                new WholeNumber("ecog", "ECOG funksjonsstatus", 0, 4, true),
                new YesNo("medicallyOperable", "Medisinsk operabel", Need.REQUIRED),
                new YesNo("technicallyResectable", "Teknisk resektabel", Need.REQUIRED)));
        MDT_SPECIALTIES.forEach((key, label) -> mdt.add(new YesNo(key, "Til stede: " + label, Need.OPTIONAL)));
        mdt.add(Check.atLeastOneOf(List.copyOf(MDT_SPECIALTIES.keySet()),
                "Kryss av for hvilke spesialiteter som deltok i MDT-møtet."));
        mdt.add(new YesNo(WORKUP_FIRST, "Supplerende utredning", Need.OPTIONAL));
        mdt.add(Check.when(c -> !workupFirst(c), MilestoneValidation::mdtComposedForAGroup));
        List<String> groups = List.copyOf(GROUPS.keySet());
        mdt.add(Check.when(c -> !workupFirst(c), new OneOf("treatmentGroup", "MDTs behandlingsgruppe", groups, true),
                Text.lines("mdtRecommendation", "MDTs anbefaling", MAX_LONG_TEXT, true)));
        mdt.add(Check.when(MilestoneValidation::workupFirst,
                new OneOf("treatmentGroup", "MDTs behandlingsgruppe", groups, false),
                Text.lines("mdtRecommendation", "MDTs anbefaling", MAX_LONG_TEXT, false)));
        mdt.add(Text.lines("groupDeviationReason", "Begrunnelse for valg av annen gruppe", MAX_LONG_TEXT, false));
        mdt.add(this::proposeTreatmentGroup);
        return List.copyOf(mdt);
    }

    /**
     * What the workup of a pathway without a gastroscopy step ends with: to the MDT
     * meeting, or to the clinical decision without one.
     */
    static final List<String> WORKUP_OUTCOMES = List.of("MDT", "DECISION_WITHOUT_MDT");

    /**
     * An MDT meeting that recommends, without staging tables or treatment groups (a
     * pathway whose MDT gives its recommendation in words): its date, who took part, the
     * recommendation. A recommendation needs the same four specialties as a group
     * ({@link #MDT_REQUIRED_FOR_A_GROUP}).
     */
    private static List<Check> mdtMeeting() {
        List<Check> mdt = new ArrayList<>(List.of(milestoneDate("mdtDate", "Dato for MDT-møtet")));
        MDT_SPECIALTIES.forEach((key, label) -> mdt.add(new YesNo(key, "Til stede: " + label, Need.OPTIONAL)));
        mdt.add(Check.atLeastOneOf(List.copyOf(MDT_SPECIALTIES.keySet()),
                "Kryss av for hvilke spesialiteter som deltok i MDT-møtet."));
        mdt.add(MilestoneValidation::mdtComposedForARecommendation);
        mdt.add(Text.lines("mdtRecommendation", "MDTs anbefaling", MAX_LONG_TEXT, true));
        return List.copyOf(mdt);
    }

    /**
     * A recommendation is given only by an MDT of at least oncologist, surgeon,
     * radiologist and coordinator; the refusal names who is missing.
     */
    private static void mdtComposedForARecommendation(Checker checker) {
        List<String> missing = MDT_REQUIRED_FOR_A_GROUP.stream()
            .filter(key -> !Boolean.TRUE.equals(checker.accepted(key)))
            .toList();
        boolean noneTicked = MDT_SPECIALTIES.keySet().stream().noneMatch(k -> Boolean.TRUE.equals(checker.accepted(k)));
        if (!missing.isEmpty() && !noneTicked) {
            checker.error(missing.get(0),
                    "MDT-møtet må ha onkolog, kirurg, radiolog og forløpskoordinator til stede for å gi en anbefaling. "
                            + "Mangler: " + String.join(", ", missing.stream().map(MDT_SPECIALTIES::get).toList())
                            + ". Kryss av for dem som deltok.");
        }
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

    /** The groups whose treatment has no curative intent (pathway.md: groups 4 and 5). */
    static final Set<String> PALLIATIVE_GROUPS = Set.of("PALLIATIVE_CHEMOTHERAPY", "SYMPTOM_RELIEF");

    /**
     * In groups 4 and 5 a stent, another endoscopic or surgical procedure or radiotherapy
     * relieves symptoms: it is A32FL, not A32FK or A32FS (palliative chemotherapy stays
     * A32FM). The form says so; this refuses the trap with the code to use.
     */
    private static void palliativeProceduresAreSymptomRelief(Checker checker) {
        String started = checker.acceptedText("treatmentStarted");
        Object group = checker.value("treatmentGroup");
        // a pathway without treatment groups has none (Set.contains(null) throws)
        if (group != null && PALLIATIVE_GROUPS.contains(group)
                && ("SURGERY".equals(started) || "RADIATION".equals(started))) {
            checker.error("treatmentStarted", "MDT har plassert pasienten i gruppe "
                    + ("SYMPTOM_RELIEF".equals(group) ? "5 (symptomlindrende behandling)" : "4 (palliativ kjemoterapi)")
                    + ": palliativ stent, annen palliativ prosedyre eller palliativ strålebehandling er symptomlindring. "
                    + "Velg «Symptomlindrende behandling» (A32FL)" + ("PALLIATIVE_CHEMOTHERAPY".equals(group)
                            ? ", eller medikamentell behandling (A32FM) for kjemoterapien" : "")
                    + ".");
        }
    }

    /**
     * The groups treated with curative intent (pathway.md: groups 1-3, resectable or
     * locally advanced in good general condition).
     */
    static final Set<String> CURATIVE_GROUPS = Set.of("ENDOSCOPIC_OR_SURGERY_ALONE",
            "SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION", "LOCALLY_ADVANCED_CHEMORADIATION");

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

    static final String CANCER_RULED_OUT_LABEL = "Begrunnelse for at kreft ikke er diagnosen";

    static final String PLAN_CHANGE_LABEL = "Begrunnelse for endret plan til symptomlindring";

    private static final String PROVEN_CANCER = "OESOPHAGEAL_OR_GASTRIC_CANCER";

    /**
     * A registration that contradicts what came before goes through only with the
     * clinician's reason, which is kept; the refusal says what it contradicts. A reason
     * given where none is needed is checked as text and kept too.
     */
    private static Check reasonWhen(Predicate<Checker> contradiction, String key, String label,
            Function<Checker, String> refusal) {
        Text reason = Text.lines(key, label, MAX_LONG_TEXT, false);
        return checker -> {
            if (!Field.blank(checker.value(key))) {
                checker.check(List.of(reason));
            }
            else if (contradiction.test(checker)) {
                checker.error(key, refusal.apply(checker));
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

    private static String noCancerAfterProvenCancerMessage(Checker checker) {
        return "Biopsien viste kreft i spiserør eller magesekk, men beslutningen er «"
                + ("CA".equals(checker.acceptedText("decisionCode")) ? "Annen sykdom enn kreft» (A32CA)"
                        : "Ingen sykdom funnet» (A32CI)")
                + ", som avslutter forløpet uten kreft. Skriv hvorfor kreft likevel ikke er diagnosen (for eksempel "
                + "revurdert histologi) i «" + CANCER_RULED_OUT_LABEL + "», eller velg en annen beslutning.";
    }

    /**
     * Symptom relief only, planned at the decision for a patient the MDT placed in a
     * curative group: a change of the MDT's plan, which the physician may make with the
     * patient and says why. The reason also covers the A32FL of the treatment start.
     */
    private static boolean symptomReliefPlanInACurativeGroup(Checker checker) {
        return "CK".equals(checker.acceptedText("decisionCode"))
                && "SYMPTOM_RELIEF".equals(checker.acceptedText("plannedTreatment")) && inACurativeGroup(checker);
    }

    /**
     * The MDT placed the patient in a curative group; never in a pathway without
     * treatment groups.
     */
    private static boolean inACurativeGroup(Checker checker) {
        return checker.value("treatmentGroup") instanceof String group && CURATIVE_GROUPS.contains(group);
    }

    private static String symptomReliefPlanMessage(Checker checker) {
        return "MDT har plassert pasienten i " + describe((String) checker.value("treatmentGroup"))
                + ". Symptomlindrende behandling alene er en endring av MDTs plan: skriv hvorfor i «"
                + PLAN_CHANGE_LABEL + "», eller velg behandlingen MDT anbefalte.";
    }

    /**
     * In groups 1-3 a stent or other symptom relief before the curative treatment is not
     * the first treatment to register (neoadjuvant chemotherapy is A32FM,
     * chemoradiotherapy A32FS): A32FL ends the pathway and the 14 and 43 days no longer
     * apply. Only when the plan really changed to symptom relief only, with the
     * physician's reason (given here or at the decision), is A32FL registered.
     */
    private static boolean symptomReliefFirstInACurativeGroup(Checker checker) {
        return "SYMPTOM_RELIEF".equals(checker.acceptedText("treatmentStarted")) && inACurativeGroup(checker);
    }

    private static String symptomReliefFirstMessage(Checker checker) {
        return "MDT har plassert pasienten i " + describe((String) checker.value("treatmentGroup"))
                + ". I gruppe 1-3 er en stent eller annen symptomlindring før den kurative behandlingen "
                + "vanligvis ikke den første behandlingen som registreres: neoadjuvant kjemoterapi er A32FM, "
                + "kjemoradioterapi A32FS. A32FL avslutter forløpet, og fristene på 14 og 43 dager gjelder da ikke. "
                + "Er planen endret til bare symptomlindring, skriv hvorfor i «" + PLAN_CHANGE_LABEL + "».";
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
     * The specialties without whom the MDT places no patient in a treatment group
     * (pathway.md: «MDT (oncologist, surgeon, radiologist, coordinator;
     * gastroenterologist and pathologist when needed)»: the coordinator, who carries the
     * group and the deadlines on, is part of the MDT like the three physicians; the
     * gastroenterologist and the pathologist are recorded when they take part, not
     * required).
     */
    static final List<String> MDT_REQUIRED_FOR_A_GROUP = List.of("mdtOncologistPresent", "mdtSurgeonPresent",
            "mdtRadiologistPresent", "mdtCoordinatorPresent");

    /**
     * A group is placed only by an MDT of at least oncologist, surgeon, radiologist and
     * coordinator; the refusal names who is missing. A meeting that asks for
     * supplementary workup first may be smaller.
     */
    private static void mdtComposedForAGroup(Checker checker) {
        List<String> missing = MDT_REQUIRED_FOR_A_GROUP.stream()
            .filter(key -> !Boolean.TRUE.equals(checker.accepted(key)))
            .toList();
        boolean noneTicked = MDT_SPECIALTIES.keySet().stream().noneMatch(k -> Boolean.TRUE.equals(checker.accepted(k)));
        // with none ticked, the row above has said so
        if (!missing.isEmpty() && !noneTicked) {
            checker.error(missing.get(0),
                    "MDT-møtet må ha onkolog, kirurg, radiolog og forløpskoordinator til stede for å plassere pasienten i en "
                            + "behandlingsgruppe. Mangler: "
                            + String.join(", ", missing.stream().map(MDT_SPECIALTIES::get).toList())
                            + ". Kryss av for dem som deltok, eller be om supplerende utredning.");
        }
    }

    private static boolean workupFirst(Checker checker) {
        return Boolean.TRUE.equals(checker.accepted(WORKUP_FIRST));
    }

    /**
     * A date of the milestone chain: valid, not in the future, not before the milestones
     * before it.
     */
    private static Check milestoneDate(String key, String label) {
        Check date = new Date(key, label, true, true);
        Check order = MAY_PRECEDE_EARLIER_MILESTONES.contains(key)
                ? checker -> notLongBeforeReferral(checker, key, label)
                : Check.notBefore(key, label, checker -> earlierMilestones(checker, key));
        return checker -> checker.check(List.of(date, order));
    }

    private static List<Bound> earlierMilestones(Checker checker, String key) {
        List<Bound> earlier = new ArrayList<>();
        for (Map.Entry<String, String> previous : DATE_CHAIN.entrySet()) {
            if (previous.getKey().equals(key)) {
                break;
            }
            LocalDate date = PathwayDates.parseOrNull(checker.value(previous.getKey()));
            if (date != null) {
                earlier.add(new Bound(date, previous.getValue()));
            }
        }
        return earlier;
    }

    private static void notLongBeforeReferral(Checker checker, String key, String label) {
        LocalDate referral = PathwayDates.parseOrNull(checker.value("receivedDate"));
        if (checker.accepted(key) instanceof LocalDate date && referral != null
                && date.isBefore(referral.minusDays(MAX_DAYS_BEFORE_REFERRAL))) {
            checker.error(key,
                    label + " (" + PathwayDates.display(date) + ") kan ikke være mer enn " + MAX_DAYS_BEFORE_REFERRAL
                            + " dager før mottaksdatoen for henvisningen (" + PathwayDates.display(referral) + ").");
        }
    }

    /**
     * A32O moves the responsibility to another health trust (coding guide: never for the
     * hospital the pathway is at). Compared without case and extra spaces.
     */
    private static void transferToAnotherHospital(Checker checker) {
        String to = checker.acceptedText("toHospital");
        if (to != null && checker.value("hospital") instanceof String at && sameHospital(to, at)) {
            checker.error("toHospital", "Forløpet er allerede ved " + at.strip() + ". A32O (overføring) registreres "
                    + "bare når ansvaret for forløpet går til et annet helseforetak.");
        }
    }

    private static List<Bound> referralDate(Checker checker) {
        LocalDate referral = PathwayDates.parseOrNull(checker.value("receivedDate"));
        return referral == null ? List.of() : List.of(new Bound(referral, DATE_CHAIN.get("receivedDate")));
    }

    private static boolean sameHospital(String one, String other) {
        return one.strip().replaceAll("\\s+", " ").equalsIgnoreCase(other.strip().replaceAll("\\s+", " "));
    }

    private List<Bound> latestCode(Checker checker) {
        return codes.latestDate(checker.context(DelegateTask.class).getProcessInstanceId())
            .map(date -> List.of(new Bound(date, "siste registrerte forløpskode")))
            .orElse(List.of());
    }

    /**
     * The decision table's proposal for the staging entered, kept as
     * {@code proposedTreatmentGroup}. A group other than the proposal, or a group where
     * the table proposes none, needs the MDT's reason, and the refusal names the proposal
     * so the MDT sees it before it confirms. The table needs valid staging: after any
     * refusal it is not asked.
     */
    private void proposeTreatmentGroup(Checker checker) {
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
                    + "teknisk resektabel). MDT har valgt " + describe(group)
                    + ": begrunn valget i «Begrunnelse for valg av annen gruppe».");
        }
        else {
            checker.error("groupDeviationReason",
                    "Beslutningstabellen foreslår " + describe(proposed) + ". MDT har valgt " + describe(group)
                            + ": velg den foreslåtte gruppen, eller begrunn avviket i «Begrunnelse for valg av "
                            + "annen gruppe».");
        }
    }

    @Override
    public void notify(DelegateTask task) {
        record(task, check(task).refuseIfAny());
    }

    /** The task's completion checked against its row of the table; changes nothing. */
    Checker check(DelegateTask task) {
        List<Check> row = taskRules.get(task.getTaskDefinitionKey());
        if (row == null) {
            throw new IllegalStateException("No completion rules for task " + task.getTaskDefinitionKey());
        }
        return Checker.of(task::getVariable, PathwayDates.today(catalog.zone()), task).check(row);
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
