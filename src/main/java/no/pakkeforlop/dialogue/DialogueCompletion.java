package no.pakkeforlop.dialogue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import no.pakkeforlop.checks.Check;
import no.pakkeforlop.checks.Checker;
import no.pakkeforlop.checks.Field.OneOf;
import no.pakkeforlop.checks.Field.Text;
import no.pakkeforlop.checks.Field.WholeNumber;
import no.pakkeforlop.checks.Field.YesNo.Need;
import no.pakkeforlop.checks.Field.YesNo;
import no.pakkeforlop.checks.Field;
import no.pakkeforlop.rules.PreviousCancer;
import no.pakkeforlop.rules.ValueLists;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Completion of a patient-dialogue or follow-up task: what its form records is checked
 * against the table below (one row per task key), and a completion that leaves out a
 * mandatory item is refused with a Norwegian message, like a milestone. The items come
 * from the pathway document's dialogue with the patient and follow-up.
 */
@Component("dialogueCompletion")
public class DialogueCompletion implements TaskListener {

    static final int NOTE_MAX = 1000;
    static final String NOTE = "Merknad";
    static final String PREHABILITATION = "Prehabilitering er tatt opp: røykeslutt, fysisk aktivitet og ernæring "
            + "(tiltak avtalt, eller vurdert som ikke aktuelt)";
    static final String FERTILITY = "Fertilitet og fertilitetsbevarende tiltak er tatt opp "
            + "(påkrevd i fertil alder når behandlingen kan påvirke fruktbarheten)";

    /** Rules across the fields of a task, after its fields' own. */
    static final Map<String, List<Check>> ACROSS_FIELDS = Map.of("informBeforeTreatment",
            List.of(DialogueCompletion::fertilityWhereRequired));

    /**
     * What each dialogue and follow-up form records, by task key. The forms and their
     * test read this table. Its labels are the forms' labels, whole sentences, so the
     * refusals quote them: "«Behovssamtale er tilbudt» må være ...".
     */
    public static final Map<String, List<Field>> RULES = Collections.unmodifiableMap(withInterpreter(table()));

    /**
     * A field a form shows only when the pathway's values say so: the server asks for it
     * only then ({@link Check#shownWhen}), and the form hides it by {@code hide}, the
     * same condition in FEEL (FormsTest holds the two equal).
     */
    public record Shown(Predicate<Checker> when, String hide) {
    }

    /** Start basis 3: reasoned suspicion arising in specialist care, no referral. */
    static final String SUSPICION_IN_SPECIALIST_CARE = "SUSPICION_IN_SPECIALIST_CARE";

    /** The fields of the tables above shown only on a condition, by field key. */
    public static final Map<String, Shown> SHOWN = Collections.unmodifiableMap(shown());

    private static Map<String, Shown> shown() {
        Map<String, Shown> shown = new LinkedHashMap<>();
        shown.put("referralCopyToGp", new Shown(c -> !SUSPICION_IN_SPECIALIST_CARE.equals(c.value("startBasis")),
                "=startBasis = \"" + SUSPICION_IN_SPECIALIST_CARE + "\""));
        shown.put("gpInformedOfPathway", new Shown(c -> SUSPICION_IN_SPECIALIST_CARE.equals(c.value("startBasis")),
                "=startBasis != \"" + SUSPICION_IN_SPECIALIST_CARE + "\""));
        Interpreter.CONVERSATIONS.values().forEach(question -> shown.putAll(question.shown()));
        return shown;
    }

    /**
     * Every conversation with the patient asks about the interpreter
     * ({@link Interpreter}), before its note.
     */
    private static Map<String, List<Field>> withInterpreter(Map<String, List<Field>> rules) {
        rules.replaceAll((task, fields) -> {
            Interpreter.Question question = Interpreter.CONVERSATIONS.get(task);
            if (question == null) {
                return fields;
            }
            List<Field> with = new ArrayList<>(fields);
            int note = NOTE.equals(with.get(with.size() - 1).label()) ? with.size() - 1 : with.size();
            with.addAll(note, List.of(question.used(), question.reason()));
            return List.copyOf(with);
        });
        return rules;
    }

    /**
     * The rules of a task's completion: its fields, those shown on a condition only then.
     */
    static List<Check> checks(List<Field> fields) {
        return fields.stream()
            .map(field -> SHOWN.containsKey(field.key()) ? Check.shownWhen(SHOWN.get(field.key()).when(), field)
                    : (Check) field)
            .toList();
    }

    private static Map<String, List<Field>> table() {
        Map<String, List<Field>> rules = new LinkedHashMap<>();
        // at referral: the patient is told about the reasoned suspicion and what the
        // pathway means
        rules.put("informPatientAtReferral", List.of(
                mandatory("suspicionExplained", "Pasienten er informert om den begrunnede mistanken om kreft"),
                mandatory("pathwayExplained",
                        "Pasienten er informert om hva pakkeforløpet innebærer (utredning og forløpstider)"),
                // "where the patient can ask questions during workup" and the copy of the
                // referral to the GP
                mandatory("workupContactGiven",
                        "Pasienten vet hvor han eller hun kan stille spørsmål under utredningen"),
                mandatory("referralCopyToGp", "Fastlegen har fått kopi av henvisningen (eller er selv henviser)"),
                // start basis 3 (the suspicion arose in the hospital) has no referral to
                // copy: the GP is told of the pathway instead (SHOWN below)
                mandatory("gpInformedOfPathway",
                        "Fastlegen er informert om den begrunnede mistanken og at pasienten er i pakkeforløp"),
                optional("relativesInvolved", "Pårørende er involvert etter pasientens ønske"),
                optional("peerContactOffered", "Likepersontilbud gjennom pasientforening er tilbudt"),
                note("referralDialogueNote")));
        // before treatment: consent, side effects and complications; prehabilitation and
        // fertility where relevant
        rules.put("informBeforeTreatment", List.of(
                mandatory("consentInformationGiven", "Informasjon for samtykke til behandlingen er gitt"),
                mandatory("sideEffectsExplained",
                        "Bivirkninger, risiko for komplikasjoner og konsekvenser er gjennomgått"),
                // the treatment talk: supportive needs (home nursing, pain, psychosocial
                // support, relatives)
                mandatory("supportiveNeedsAssessed",
                        "Behov for støtte er kartlagt (hjemmesykepleie, smertelindring, psykososial støtte, pårørende)"),
                optional("homeNursingArranged", "Hjemmesykepleie er formidlet"),
                optional("painReliefArranged", "Smertelindring er fulgt opp"),
                optional("psychosocialSupportOffered", "Psykososial støtte er tilbudt"),
                optional("relativesNeedsAssessed", "Pårørendes behov er vurdert"),
                optional("relativePresent", "Pårørende var med"),
                // prehabilitation where evidence supports it: always taken up before the
                // treatment, agreed or judged not relevant (issue 30, item 9)
                mandatory("prehabilitationAssessed", PREHABILITATION),
                optional("prehabSmokingCessationOffered", "Hjelp til røykeslutt er tilbudt"),
                optional("prehabPhysicalActivityAgreed", "Fysisk aktivitet før behandlingen er avtalt"),
                optional("prehabNutritionAgreed", "Ernæringstiltak før behandlingen er avtalt"),
                // required when FertilityInformation says so (fertile age, a treatment
                // that can affect reproduction): a check across the fields, below
                optional("fertilityAssessed", FERTILITY), note("treatmentDialogueNote")));
        // Pakkeforløp hjem for pasienter med kreft: a needs-assessment conversation is
        // offered
        rules.put("offerNeedsAssessment", List.of(mandatory("needsAssessmentOffered", "Behovssamtale er tilbudt"),
                new OneOf("needsAssessmentAnswer", "Pasientens svar", ValueLists.NEEDS_ASSESSMENT_ANSWERS, true),
                note("needsAssessmentNote")));
        // discharge (at the end of primary treatment): what to expect, where to turn, the
        // control plan and the purpose of the controls, the GP's role, the municipal
        // cancer coordinator, the Pakkeforløp hjem contact
        rules.put("dischargeConversation",
                List.of(mandatory("expectationsExplained", "Hva pasienten kan forvente etter behandlingen"),
                        mandatory("contactPointsGiven",
                                "Hvor pasienten skal henvende seg ved spørsmål eller problemer"),
                        mandatory("controlPlanGiven", "Kontrollplan er gjennomgått"),
                        mandatory("controlPurposeExplained", "Hensikten med kontrollene er forklart"),
                        mandatory("gpRoleExplained", "Fastlegens koordinerende rolle er forklart"),
                        // the municipality's contact: the cancer coordinator
                        // (pathway.md's
                        // discharge items, issue 30, item 9)
                        mandatory("cancerCoordinatorInformed", "Kommunal kreftkoordinator er formidlet"),
                        // the needs talk of Pakkeforløp hjem is offered at the decision;
                        // its contact is given again where useful
                        optional("pakkeforlopHjemContactGiven", "Kontaktinformasjon for Pakkeforløp hjem er gitt"),
                        note("dischargeNote")));
        // nutrition: first control at the treating department, further follow-up at the
        // GP
        rules.put("firstNutritionControl",
                List.of(mandatory("nutritionStatusAssessed",
                        "Ernæringsstatus er vurdert (vekt, kostinntak, ernæringsvansker)"),
                        optional("dietitianReferred", "Henvist til klinisk ernæringsfysiolog"),
                        optional("nutritionFollowUpByGp", "Videre ernæringsoppfølging hos fastlegen er avtalt"),
                        note("nutritionNote")));
        // rehabilitation needs as early as possible; palliative care considered where
        // relevant
        rules.put("rehabilitationAssessment",
                List.of(mandatory("rehabilitationNeedsAssessed", "Rehabiliteringsbehov er vurdert"),
                        optional("rehabilitationReferred", "Henvist til rehabilitering"),
                        optional("palliativeCareConsidered",
                                "Palliativ behandling og henvisning til palliativt team er vurdert der det er aktuelt"),
                        note("rehabilitationNote")));
        // the GP is informed of the end of treatment (and was informed of the decision by
        // informGpOfDecision)
        rules.put("informGeneralPractitioner",
                List.of(mandatory("gpInformationSent",
                        "Epikrise / informasjon om avsluttet behandling er sendt fastlegen"),
                        optional("gpNutritionFollowUp", "Videre ernæringsoppfølging"),
                        optional("gpRehabilitationNeeds", "Rehabiliteringsbehov"),
                        optional("gpControlPlan", "Kontrollplan og koordinerende rolle"), note("gpNote")));
        // follow-up after every decision (pathway.md): the GP informed of the decision,
        // whatever it is
        rules.put("informGpOfDecision",
                List.of(mandatory("gpInformedOfDecision", "Fastlegen er informert om beslutningen og videre plan"),
                        note("gpDecisionNote")));
        // active surveillance (A32FO): a control plan
        rules.put("makeControlPlan",
                List.of(mandatory("surveillancePlanMade", "Kontrollplan for aktiv overvåking er laget"),
                        mandatory("surveillancePlanExplained",
                                "Pasienten kjenner kontrollplanen og vet hvor han eller hun skal henvende seg"),
                        optional("surveillancePlanSentToGp", "Fastlegen har fått kontrollplanen"),
                        note("surveillanceNote")));
        // symptom relief (A32FL) or no treatment (A32FI): the palliative team assessed
        rules.put("assessPalliativeCare",
                List.of(mandatory("palliativeTeamAssessed", "Behov for henvisning til palliativt team er vurdert"),
                        optional("palliativeTeamReferred", "Henvist til palliativt team"),
                        optional("palliativePlanSentToGp", "Fastlegen er informert om den palliative planen"),
                        note("palliativeNote")));
        // other cancer (A32CM): referral to the right pathway
        rules.put("referToOtherPathway",
                List.of(mandatory("referredToRightPathway",
                        "Pasienten er henvist til riktig pakkeforløp eller videre utredning"),
                        optional("referredToUnknownPrimaryPathway",
                                "Henvist til pakkeforløp for metastaser med ukjent utgangspunkt"),
                        mandatory("otherCancerPatientInformed", "Pasienten er informert om funnet og om henvisningen"),
                        note("otherPathwayNote")));
        // no cancer (A32CA) or no disease (A32CI): the patient informed (the GP by
        // informGpOfDecision)
        rules.put("informPatientOfResult",
                List.of(mandatory("resultExplainedToPatient", "Pasienten er informert om at det ikke er funnet kreft"),
                        optional("otherDiseaseFollowUpArranged", "Videre oppfølging av annen sykdom er avtalt"),
                        optional("newSymptomsAdviceGiven",
                                "Pasienten vet hvor han eller hun skal henvende seg ved nye symptomer"),
                        note("resultNote")));
        // a breached standard time: why, and what was done about it
        rules.put("followUpBreach", List.of(
                new OneOf("breachCause", "Årsak til at fristen ble overskredet", ValueLists.BREACH_CAUSES, true),
                Text.lines("breachFollowUp", "Hva er gjort for å følge opp?", NOTE_MAX, true)));
        // the MDT asked for more workup (CT, PET-CT) before it assesses again
        rules.put("supplementaryWorkup",
                List.of(optional("workupCt", "CT thorax/abdomen"), optional("workupPetCt", "PET-CT"),
                        optional("workupEndoscopicUltrasound", "Endoskopisk ultralyd (EUS)"),
                        optional("workupLaparoscopy", "Diagnostisk laparoskopi"),
                        Text.lines("workupSummary", "Funn og svar som MDT skal vurdere", NOTE_MAX, true)));
        // nutrition is central from the workup on: NRS 2002 at or after the first
        // attendance (impaired nutritional status 0-3, severity of disease 0-3, 70 years
        // or older +1; total 0-7, 3 or more is at risk and sends a referral to the
        // dietitian)
        rules
            .put("nutritionScreening",
                    List.of(new WholeNumber("nrsNutritionScore", "Svekket ernæringsstatus (NRS 2002, 0–3)", 0, 3, true),
                            new WholeNumber("nrsSeverityScore", "Sykdommens alvorlighetsgrad (NRS 2002, 0–3)", 0, 3,
                                    true),
                            optional("nrsAge70OrOlder", "Pasienten er 70 år eller eldre (gir 1 poeng)"),
                            note("nutritionScreeningNote")));
        rules.put("referToDietitian",
                List.of(mandatory("dietitianReferralSent", "Henvist til klinisk ernæringsfysiolog"),
                        optional("nutritionMeasuresStarted", "Ernæringstiltak er startet i påvente av vurderingen"),
                        note("dietitianNote")));
        // cancer found at the gastroscopy: the staging is ordered at once, so that the
        // MDT has it (and not only after the MDT asks for it)
        rules.put("orderStagingWorkup",
                List.of(mandatory("stagingCtOrdered", "CT thorax/abdomen er bestilt, med svar før MDT-møtet"),
                        optional("stagingPetCtOrdered", "PET-CT er bestilt"),
                        optional("stagingEusOrdered", "Endoskopisk ultralyd (EUS) er bestilt"),
                        note("stagingOrderNote")));
        // a transfer (A32O) gives the hospital that takes over something to act on: the
        // hand-over note
        rules.put("sendTransferSummary", List.of(mandatory("transferNoteSent",
                "Overføringsnotat er sendt: status, funn, bestilte undersøkelser, frister som løper og kontaktperson"),
                optional("transferReceiptConfirmed", "Sykehuset som overtar har bekreftet mottak"),
                optional("patientToldOfTransfer", "Pasienten er informert om overføringen"), note("transferNote")));
        // group 3 (locally advanced, chemo/radiotherapy) may be reassessed for resection
        // after a good response (pathway.md): the MDT looks again
        rules.put("reassessResectability",
                List.of(mandatory("resectabilityReassessed",
                        "Respons er evaluert og reseksjon er vurdert på nytt i MDT"),
                        optional("referredForResection", "Pasienten er henvist til vurdering for kirurgi"),
                        note("resectabilityNote")));
        // palliative chemotherapy (group 4, A32FM) is palliative: the palliative team is
        // assessed (assessPalliativeCare), the GP informed, and the follow-up runs
        // without waiting for an end of primary treatment that palliative chemotherapy
        // never has
        rules.put("informGpOfPalliativeTreatment",
                List.of(mandatory("gpInformedOfPalliativeTreatment",
                        "Fastlegen er informert om palliativ kjemoterapi og plan for oppfølging"),
                        optional("gpPalliativeNutritionFollowUp", "Ernæringsoppfølging er avtalt med fastlegen"),
                        note("gpPalliativeNote")));
        rules.put("palliativeFollowUpPlan",
                List.of(mandatory("palliativeResponsePlanMade",
                        "Plan for responsevaluering og oppfølging under kjemoterapien er laget"),
                        mandatory("palliativeNutritionAssessed", "Ernæringsstatus er vurdert og fulgt opp"),
                        mandatory("palliativeContactGiven",
                                "Pasienten vet hvor han eller hun skal henvende seg ved symptomer eller bivirkninger"),
                        optional("palliativeRehabilitationAssessed", "Behov for rehabilitering er vurdert"),
                        note("palliativeFollowUpNote")));
        // after A32X (dialogue.TerminationCare): the pathway's clock has stopped, the
        // care has not. The GP is told of the end, and why (a death too)
        rules.put("informGpOfTermination",
                List.of(mandatory("gpInformedOfTermination",
                        "Fastlegen er informert om at pakkeforløpet er avsluttet, og om årsaken"),
                        optional("gpToldWhoFollowsUp", "Fastlegen vet hvem som følger opp pasienten videre"),
                        note("terminationGpNote")));
        // a confirmed cancer: the needs talk of Pakkeforløp hjem is offered also when the
        // patient leaves the pathway
        rules.put("offerNeedsAssessmentAfterTermination", List.of(
                mandatory("terminationNeedsTalkOffered", "Behovssamtale er tilbudt"),
                new OneOf("terminationNeedsTalkAnswer", "Pasientens svar", ValueLists.NEEDS_ASSESSMENT_ANSWERS, true),
                note("terminationNeedsTalkNote")));
        // a confirmed cancer and a patient who declines treatment: the palliative
        // team assessed
        rules.put("assessPalliativeCareAfterTermination",
                List.of(mandatory("terminationPalliativeAssessed",
                        "Behov for henvisning til palliativt team er vurdert"),
                        optional("terminationPalliativeReferred", "Henvist til palliativt team"),
                        optional("terminationSymptomReliefPlanned", "Symptomlindring er planlagt og formidlet"),
                        note("terminationPalliativeNote")));
        // a second referral for a patient whose pathway runs: attached to it, no second
        // A32A (intake.ReferralRegistration); the coordinator reads and acts on it
        rules.put("reviewAdditionalReferral", List.of(
                mandatory("additionalReferralReviewed", "Henvisningen er lest og lagt til pasientens pågående forløp"),
                optional("additionalReferralNewInformation",
                        "Henvisningen har ny informasjon som er gitt videre til behandlende lege"),
                note("additionalReferralNote")));
        // a patient who had a pathway here before, and a referral that does not say
        // what it is: the coordinator decides before any code is registered (the
        // pathway document, chapter 5)
        rules.put("clarifyPreviousCancer", List.of(
                new OneOf(CLARIFIED_PREVIOUS_CANCER, "Hva gjelder henvisningen?", ValueLists.PREVIOUS_CANCER, true),
                note("previousCancerNote")));
        // uncertain whether the disease comes from the earlier cancer: the pathway for
        // metastases of unknown origin (B01), not this one
        rules.put("referToMetastasisPathway",
                List.of(mandatory("metastasisPathwayReferralSent",
                        "Pasienten er henvist til pakkeforløp for metastaser med ukjent utgangspunkt (B01)"),
                        optional("metastasisPathwayPatientInformed", "Pasienten er informert om henvisningen"),
                        optional("metastasisPathwayGpInformed", "Fastlegen er informert om henvisningen"),
                        note("metastasisPathwayNote")));
        return rules;
    }

    /**
     * The coordinator's answer in {@code clarifyPreviousCancer}; it becomes the pathway's
     * {@link PreviousCancer}.
     */
    static final String CLARIFIED_PREVIOUS_CANCER = "previousCancerDecision";

    @Override
    public void notify(DelegateTask task) {
        List<Field> fields = RULES.get(task.getTaskDefinitionKey());
        if (fields == null) {
            throw new IllegalStateException("No completion rules for task " + task.getTaskDefinitionKey());
        }
        // a checklist has no dates: today does not matter
        Checker checker = Checker.of(task::getVariable, null, task)
            .quotingLabels()
            .check(checks(fields))
            .check(ACROSS_FIELDS.getOrDefault(task.getTaskDefinitionKey(), List.of()))
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
     * the task started).
     */
    private static void fertilityWhereRequired(Checker checker) {
        if (Boolean.TRUE.equals(checker.value(FertilityInformation.REQUIRED_VARIABLE))
                && !Boolean.TRUE.equals(checker.accepted("fertilityAssessed"))) {
            checker.error("fertilityAssessed", "«" + FERTILITY + "» må være krysset av: pasienten er i fertil alder, "
                    + "og planlagt behandling (cellegift eller strålebehandling) kan påvirke fruktbarheten.");
        }
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

    private static YesNo mandatory(String key, String label) {
        return new YesNo(key, label, Need.TICKED);
    }

    private static YesNo optional(String key, String label) {
        return new YesNo(key, label, Need.OPTIONAL);
    }

    private static Text note(String key) {
        return Text.lines(key, NOTE, NOTE_MAX, false);
    }

}
