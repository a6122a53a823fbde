package no.pakkeforlop.process;

import static no.pakkeforlop.testsupport.TestData.PROCESS_KEY;
import static no.pakkeforlop.testsupport.TestData.REFERRAL_DETAILS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.pakkeforlop.refusals.FieldError;
import no.pakkeforlop.refusals.InputRefusedException;
import no.pakkeforlop.testsupport.PathwayEngine;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every milestone completion is checked on the server: a missing or unknown value, a date
 * in the future or before the previous milestone is refused with a Norwegian message, and
 * nothing changes: the task stays open, no variable is written, no job and no code
 * appear.
 */
class MilestoneCompletionValidationTest extends PathwayTestSupport {

    static final PathwayEngine ENGINE = PathwayEngine.create();

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder()
        .useProcessEngine(ENGINE.configuration.buildProcessEngine())
        .build();

    @Override
    PathwayEngine engine() {
        return ENGINE;
    }

    /**
     * Completes with the given variables, expects a refusal, and checks that nothing
     * changed.
     */
    private List<FieldError> refused(Pathway p, String taskKey, Map<String, Object> variables) {
        Task task = p.task(taskKey);
        Map<String, Object> before = runtimeService().getVariables(p.id());
        List<String> codesBefore = p.codes();
        long jobsBefore = managementService().createJobQuery().processInstanceId(p.id()).count();

        Throwable thrown = org.assertj.core.api.Assertions
            .catchThrowable(() -> taskService().complete(task.getId(), variables));

        assertThat(thrown).isInstanceOf(InputRefusedException.class);
        assertThat(taskService().createTaskQuery().taskId(task.getId()).count()).as("task still open").isOne();
        assertThat(runtimeService().getVariables(p.id())).as("no variable written").isEqualTo(before);
        assertThat(p.codes()).isEqualTo(codesBefore);
        assertThat(managementService().createJobQuery().processInstanceId(p.id()).count()).isEqualTo(jobsBefore);
        return ((InputRefusedException) thrown).errors();
    }

    private static Map<String, Object> vars(Object... keyValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = { "firstAttendanceDate | | Dato for første fremmøte må fylles ut.",
            "firstAttendanceDate | 2026-03-10 | Dato for første fremmøte (10.03.2026) kan ikke være fram i tid.",
            "firstAttendanceDate | 2026-03-01 | Dato for første fremmøte (01.03.2026) kan ikke være før mottaksdatoen for henvisningen (02.03.2026).",
            "firstAttendanceDate | 2026-02-30 | Dato for første fremmøte må være en gyldig dato på formen ÅÅÅÅ-MM-DD, ikke «2026-02-30».",
            "firstAttendanceDate | 0000-01-01 | Dato for første fremmøte må være en gyldig dato på formen ÅÅÅÅ-MM-DD, ikke «0000-01-01».",
            "firstAttendanceDate | 09.03.2026 | Dato for første fremmøte må være en gyldig dato på formen ÅÅÅÅ-MM-DD, ikke «09.03.2026».",
            "firstAttendanceType | | Type første fremmøte må fylles ut.",
            "firstAttendanceType | PHONE_CALL | Type første fremmøte har ukjent verdi «PHONE_CALL». Gyldige verdier: ADMISSION, CONTRACT_SPECIALIST, IMAGING, OUTPATIENT." })
    void firstAttendanceIsRefusedWithAClearMessage(String field, String value, String message) {
        Pathway p = start("2026-03-02");
        today("2026-03-09");
        Map<String, Object> variables = vars("firstAttendanceDate", "2026-03-09", "firstAttendanceType", "OUTPATIENT");
        variables.put(field, value);
        assertThat(refused(p, "registerFirstAttendance", variables)).containsExactly(new FieldError(field, message));
    }

    @Test
    void allProblemsOfOneCompletionAreReportedTogether() {
        Pathway p = start("2026-03-02");
        assertThat(refused(p, "registerFirstAttendance", vars())).extracting(FieldError::field)
            .containsExactly("firstAttendanceDate", "firstAttendanceType");
    }

    @Test
    void endoscopyResultMustBeKnownAndTheGastroscopyNotInTheFuture() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-09");
        today("2026-03-12");
        assertThat(
                refused(p, "registerEndoscopyResult", vars("endoscopyDate", "2026-03-13", "endoscopyResult", "CANCER")))
            .containsExactly(
                    new FieldError("endoscopyDate", "Dato for gastroskopi (13.03.2026) kan ikke være fram i tid."),
                    new FieldError("endoscopyResult",
                            "Resultat av gastroskopi har ukjent verdi «CANCER». Gyldige verdier: "
                                    + "NON_DIAGNOSTIC, NO_DISEASE, OESOPHAGEAL_OR_GASTRIC_CANCER, OTHER_CANCER, "
                                    + "OTHER_DISEASE."));
    }

    /**
     * A complete, valid MDT record for T2 N0 M0 (the table proposes group 2), with the
     * given values replaced.
     */
    private static Map<String, Object> mdtRecord(Object... replacements) {
        Map<String, Object> v = PathwayTestSupport.mdtRecord("2026-03-12", "T2", "N0", "M0", 1, true, true);
        v.put("treatmentGroup", "SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION");
        v.put("mdtRecommendation", "Neoadjuvant kjemoterapi, deretter kirurgi.");
        v.putAll(vars(replacements));
        return v;
    }

    @Test
    void mdtAssessmentChecksSiteHistologyStagesEcogBooleansSpecialtiesGroupAndRecommendation() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-09")
            .endoscopy("2026-03-10", "OESOPHAGEAL_OR_GASTRIC_CANCER");
        today("2026-03-12");
        List<FieldError> errors = refused(p, "mdtAssessment",
                vars("mdtDate", "2026-03-12", "tumourSite", "LIVER", "tStage", "T5", "nStage", "N4", "mStage", "MX",
                        "ecog", 5, "medicallyOperable", "ja", "technicallyResectable", null,
                        "supplementaryWorkupNeeded", "nei", "treatmentGroup", "GROUP_6", "mdtRecommendation", " "));
        assertThat(errors).extracting(FieldError::field)
            .containsExactly("tumourSite", "histology", "tStage", "nStage", "mStage", "ecog", "medicallyOperable",
                    "technicallyResectable", "mdtOncologistPresent", "supplementaryWorkupNeeded", "treatmentGroup",
                    "mdtRecommendation");
        assertThat(errors.get(5).message()).isEqualTo("ECOG funksjonsstatus må være et heltall fra 0 til 4, ikke «5».");
        assertThat(errors.get(7).message()).isEqualTo("Teknisk resektabel må fylles ut (ja eller nei).");
        assertThat(errors.get(8).message()).isEqualTo("Kryss av for hvilke spesialiteter som deltok i MDT-møtet.");

        assertThat(refused(p, "mdtAssessment", mdtRecord("ecog", 1.5))).containsExactly(
                new FieldError("ecog", "ECOG funksjonsstatus må være et heltall fra 0 til 4, ikke «1.5»."));
        assertThat(refused(p, "mdtAssessment", mdtRecord("groupDeviationReason", "x".repeat(2001))))
            .extracting(FieldError::field)
            .containsExactly("groupDeviationReason");
    }

    @Test
    void aGroupOtherThanTheProposalIsRefusedWithTheProposalNamedAndNothingChanges() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-09")
            .endoscopy("2026-03-10", "OESOPHAGEAL_OR_GASTRIC_CANCER");
        today("2026-03-12");
        assertThat(refused(p, "mdtAssessment", mdtRecord("treatmentGroup", "SYMPTOM_RELIEF"))).containsExactly(
                new FieldError("groupDeviationReason", "Beslutningstabellen foreslår gruppe 2: resektabel, kirurgi med "
                        + "neoadjuvant eller perioperativ behandling, eller kurativ kjemo-/strålebehandling. MDT har valgt gruppe 5: "
                        + "dårlig allmenntilstand (ECOG 3-4), symptomlindrende behandling: velg den foreslåtte gruppen, eller "
                        + "begrunn avviket i «Begrunnelse for valg av annen gruppe»."));
        assertThat(refused(p, "mdtAssessment", mdtRecord("tStage", "TX", "groupDeviationReason", "   ")))
            .extracting(FieldError::message)
            .singleElement()
            .asString()
            .startsWith("Beslutningstabellen foreslår ingen behandlingsgruppe for denne stadieinndelingen (TX N0 M0");
    }

    @Test
    void anMdtOfOneOrTwoPlacesNoPatientInAGroupAndTheRefusalNamesWhoIsMissing() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-09")
            .endoscopy("2026-03-10", "OESOPHAGEAL_OR_GASTRIC_CANCER");
        today("2026-03-12");
        Map<String, Object> coordinatorAlone = mdtRecord("mdtOncologistPresent", false, "mdtSurgeonPresent", false,
                "mdtRadiologistPresent", false);
        assertThat(refused(p, "mdtAssessment", coordinatorAlone)).containsExactly(new FieldError("mdtOncologistPresent",
                "MDT-møtet må ha onkolog, kirurg, radiolog og forløpskoordinator til stede for å plassere pasienten i "
                        + "en behandlingsgruppe. Mangler: Onkolog, Kirurg, Radiolog. Kryss av for dem som deltok, eller be om supplerende "
                        + "utredning."));
        assertThat(refused(p, "mdtAssessment", mdtRecord("mdtRadiologistPresent", null)))
            .containsExactly(new FieldError("mdtRadiologistPresent",
                    "MDT-møtet må ha onkolog, kirurg, radiolog og forløpskoordinator til stede for å plassere pasienten "
                            + "i en behandlingsgruppe. Mangler: Radiolog. Kryss av for dem som deltok, eller be om "
                            + "supplerende utredning."));

        // a smaller meeting may ask for supplementary workup; the three place the group
        Map<String, Object> workup = mdtRecord("mdtSurgeonPresent", false, "mdtRadiologistPresent", false,
                "supplementaryWorkupNeeded", true);
        workup.remove("treatmentGroup");
        complete(p.task("mdtAssessment"), workup);
        assertThat(p.pi).isWaitingAt("supplementaryWorkup");
    }

    @Test
    void whileTheMdtAsksForSupplementaryWorkupTheGroupMayWait() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-09")
            .endoscopy("2026-03-10", "OESOPHAGEAL_OR_GASTRIC_CANCER");
        today("2026-03-12");
        Map<String, Object> v = mdtRecord("tStage", "TX", "nStage", "NX", "supplementaryWorkupNeeded", true);
        v.remove("treatmentGroup");
        v.remove("mdtRecommendation");
        complete(p.task("mdtAssessment"), v);
        assertThat(p.pi).isWaitingAt("supplementaryWorkup");
        assertThat(p.variable("proposedTreatmentGroup")).isNull();
    }

    @Test
    void ecogFromAFormAsLongOrDoubleIsStoredAsAnInteger() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-09")
            .endoscopy("2026-03-10", "OESOPHAGEAL_OR_GASTRIC_CANCER");
        today("2026-03-12");
        complete(p.task("mdtAssessment"), mdtRecord("ecog", 2.0d));
        assertThat(p.variable("ecog")).isEqualTo(2);
        assertThat(p.variable("supplementaryWorkupNeeded")).isEqualTo(false);
        assertThat(p.variable("proposedTreatmentGroup"))
            .isEqualTo("SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION");
    }

    @Test
    void specialtiesLeftUntickedAreStoredAsNotPresent() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-09")
            .endoscopy("2026-03-10", "OESOPHAGEAL_OR_GASTRIC_CANCER");
        today("2026-03-12");
        Map<String, Object> v = mdtRecord("mdtGastroenterologistPresent", null);
        v.remove("mdtPathologistPresent");
        complete(p.task("mdtAssessment"), v);
        assertThat(p.variable("mdtOncologistPresent")).isEqualTo(true);
        assertThat(p.variable("mdtCoordinatorPresent")).isEqualTo(true);
        assertThat(p.variable("mdtGastroenterologistPresent")).isEqualTo(false);
        assertThat(p.variable("mdtPathologistPresent")).isEqualTo(false);
    }

    /**
     * pathway.md: «MDT (oncologist, surgeon, radiologist, coordinator; gastroenterologist
     * and pathologist when needed)»: no group without the coordinator (issue 30, item 9);
     * the specialties needed only at times are recorded when ticked.
     */
    @Test
    void anMdtWithoutTheCoordinatorPlacesNoPatientInAGroupAndTheSpecialtiesWhenNeededAreRecorded() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-09")
            .endoscopy("2026-03-10", "OESOPHAGEAL_OR_GASTRIC_CANCER");
        today("2026-03-12");
        assertThat(refused(p, "mdtAssessment", mdtRecord("mdtCoordinatorPresent", false)))
            .containsExactly(new FieldError("mdtCoordinatorPresent",
                    "MDT-møtet må ha onkolog, kirurg, radiolog og forløpskoordinator til stede for å plassere pasienten "
                            + "i en behandlingsgruppe. Mangler: Forløpskoordinator. Kryss av for dem som deltok, eller be "
                            + "om supplerende utredning."));

        complete(p.task("mdtAssessment"),
                mdtRecord("mdtGastroenterologistPresent", true, "mdtPathologistPresent", true));
        assertThat(p.variable("mdtCoordinatorPresent")).isEqualTo(true);
        assertThat(p.variable("mdtGastroenterologistPresent")).isEqualTo(true);
        assertThat(p.variable("mdtPathologistPresent")).isEqualTo(true);
        assertThat(p.openTaskKeys()).contains("clinicalDecision");
    }

    @Test
    void ckNeedsAPlannedTreatmentAndAnMdtAssessment() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-09").endoscopy("2026-03-10", "OTHER_DISEASE");
        today("2026-03-13");
        assertThat(refused(p, "clinicalDecision", vars("decisionDate", "2026-03-13", "decisionCode", "CK")))
            .extracting(FieldError::field)
            .containsExactly("plannedTreatment", "decisionCode");
        assertThat(refused(p, "clinicalDecision",
                vars("decisionDate", "2026-03-13", "decisionCode", "CA", "plannedTreatment", "SURGERY")))
            .containsExactly(new FieldError("plannedTreatment",
                    "Planlagt behandling skal bare fylles ut når kreft i spiserør eller magesekk er påvist og behandling besluttet (CK)."));
        assertThat(refused(p, "clinicalDecision", vars("decisionDate", "2026-03-09", "decisionCode", "CA")))
            .containsExactly(new FieldError("decisionDate",
                    "Beslutningsdato (09.03.2026) kan ikke være før datoen for gastroskopien (10.03.2026)."));
    }

    @Test
    void treatmentStartCannotBeBeforeTheDecisionAndNamesTheFirstTreatmentGiven() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-09")
            .endoscopy("2026-03-10", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-03-12", "T2", "N0", "M0", 0, true, true)
            .decision("2026-03-16", "CK", "SURGERY");
        today("2026-03-20");
        // the information for consent comes first
        assertThat(refused(p, "registerTreatmentStart",
                vars("treatmentStartDate", "2026-03-19", "treatmentStarted", "DRUG")))
            .containsExactly(new FieldError("treatmentStartDate",
                    "Samtale før behandling (informasjon for samtykke) må være registrert før behandlingsstarten: "
                            + "fullfør oppgaven «Samtale før behandling» først."));
        p.consentGiven();
        assertThat(refused(p, "registerTreatmentStart",
                vars("treatmentStartDate", "2026-03-15", "treatmentStarted", "DRUG")))
            .containsExactly(new FieldError("treatmentStartDate",
                    "Dato for behandlingsstart (15.03.2026) kan ikke være før beslutningsdatoen (16.03.2026)."));
        assertThat(refused(p, "registerTreatmentStart",
                vars("treatmentStartDate", "2026-03-21", "treatmentStarted", "DRUG")))
            .containsExactly(new FieldError("treatmentStartDate",
                    "Dato for behandlingsstart (21.03.2026) kan ikke være fram i tid."));
        assertThat(refused(p, "registerTreatmentStart", vars("treatmentStartDate", "2026-03-19")))
            .containsExactly(new FieldError("treatmentStarted", "Første behandling som ble gitt må fylles ut."));
        assertThat(refused(p, "registerTreatmentStart",
                vars("treatmentStartDate", "2026-03-19", "treatmentStarted", "ACTIVE_SURVEILLANCE")))
            .containsExactly(new FieldError("treatmentStarted",
                    "Første behandling som ble gitt har ukjent verdi «ACTIVE_SURVEILLANCE». Gyldige verdier: DRUG, RADIATION, "
                            + "SURGERY, SYMPTOM_RELIEF."));
    }

    @ParameterizedTest(name = "{0} after a biopsy that showed cancer")
    @CsvSource(delimiter = '|',
            value = { "CA | «Annen sykdom enn kreft» (A32CA)", "CI | «Ingen sykdom funnet» (A32CI)" })
    void noCancerAfterABiopsyThatShowedCancerIsRefusedUntilThePhysicianSaysWhy(String code, String named) {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-09")
            .endoscopy("2026-03-10", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-03-12", "T2", "N0", "M0", 0, true, true);
        today("2026-03-16");
        FieldError noReason = new FieldError("cancerRuledOutReason",
                "Biopsien viste kreft i spiserør eller magesekk, men beslutningen er " + named
                        + ", som avslutter forløpet uten kreft. Skriv hvorfor kreft likevel ikke er diagnosen (for "
                        + "eksempel revurdert histologi) i «Begrunnelse for at kreft ikke er diagnosen», eller velg en "
                        + "annen beslutning.");
        assertThat(refused(p, "clinicalDecision", vars("decisionDate", "2026-03-16", "decisionCode", code)))
            .containsExactly(noReason);
        // blank is no reason; a reason is text like any other
        assertThat(refused(p, "clinicalDecision",
                vars("decisionDate", "2026-03-16", "decisionCode", code, "cancerRuledOutReason", "  ")))
            .containsExactly(noReason);
        assertThat(refused(p, "clinicalDecision",
                vars("decisionDate", "2026-03-16", "decisionCode", code, "cancerRuledOutReason", "x".repeat(2001))))
            .containsExactly(new FieldError("cancerRuledOutReason",
                    "Begrunnelse for at kreft ikke er diagnosen kan ha høyst 2000 tegn (nå 2001)."));
    }

    @Test
    void symptomReliefOnlyInACurativeGroupIsRefusedUntilThePhysicianSaysWhyAtTheDecisionAndAtTheStart() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-09")
            .endoscopy("2026-03-10", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-03-12", "T2", "N0", "M0", 0, true, true); // group 2
        today("2026-03-16");
        String group = "gruppe 2: resektabel, kirurgi med neoadjuvant eller perioperativ behandling, eller kurativ "
                + "kjemo-/strålebehandling";
        assertThat(refused(p, "clinicalDecision",
                vars("decisionDate", "2026-03-16", "decisionCode", "CK", "plannedTreatment", "SYMPTOM_RELIEF")))
            .containsExactly(new FieldError("planChangeReason", "MDT har plassert pasienten i " + group
                    + ". Symptomlindrende behandling alene er en endring av MDTs plan: skriv hvorfor i «Begrunnelse "
                    + "for endret plan til symptomlindring», eller velg behandlingen MDT anbefalte."));

        p.decision("2026-03-16", "CK", "DRUG");
        today("2026-03-20");
        p.consentGiven();
        assertThat(refused(p, "registerTreatmentStart",
                vars("treatmentStartDate", "2026-03-19", "treatmentStarted", "SYMPTOM_RELIEF")))
            .containsExactly(new FieldError("planChangeReason", "MDT har plassert pasienten i " + group
                    + ". I gruppe 1-3 er en stent eller annen symptomlindring før den kurative behandlingen vanligvis "
                    + "ikke den første behandlingen som registreres: neoadjuvant kjemoterapi er A32FM, "
                    + "kjemoradioterapi A32FS. A32FL avslutter forløpet, og fristene på 14 og 43 dager gjelder da "
                    + "ikke. Er planen endret til bare symptomlindring, skriv hvorfor i «Begrunnelse for endret plan "
                    + "til symptomlindring»."));
    }

    @Test
    void aTransferGoesToAnotherHospitalAndMayCarryTheDayItsReferralWasSentBeforeLaterCodes() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-09");
        today("2026-03-20");
        assertThat(refused(p, "pathwayAdministration",
                vars("administrativeAction", "TRANSFER", "transferDate", "2026-03-10", "toHospital",
                        " helse  NORD hf")))
            .containsExactly(new FieldError("toHospital", "Forløpet er allerede ved Helse Nord HF. A32O (overføring) "
                    + "registreres bare når ansvaret for forløpet går til et annet helseforetak."));
        assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-09");

        // entered late: the referral to the other trust was sent before the first
        // attendance was registered
        p.transfer("2026-03-05", "Oslo universitetssykehus HF");
        assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-09", "A32O 2026-03-05");
        assertThat(p.variable("hospital")).isEqualTo("Oslo universitetssykehus HF");
    }

    @Test
    void transferAndTerminationAreChecked() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-09");
        today("2026-03-20");
        assertThat(refused(p, "pathwayAdministration", vars("administrativeAction", "PAUSE")))
            .extracting(FieldError::field)
            .containsExactly("administrativeAction");
        assertThat(refused(p, "pathwayAdministration",
                vars("administrativeAction", "TRANSFER", "transferDate", "2026-03-01", "toHospital", " ")))
            .containsExactly(new FieldError("transferDate",
                    "Dato for overføring (01.03.2026) kan ikke være før mottaksdatoen for henvisningen (02.03.2026)."),
                    new FieldError("toHospital",
                            "Sykehuset (helseforetaket) som overtar ansvaret for forløpet må fylles ut."));
        assertThat(refused(p, "pathwayAdministration",
                vars("administrativeAction", "TRANSFER", "transferDate", "2026-03-10", "toHospital", "x".repeat(201))))
            .containsExactly(new FieldError("toHospital",
                    "Sykehuset (helseforetaket) som overtar ansvaret for forløpet kan ha høyst 200 tegn (nå 201)."));
        assertThat(refused(p, "pathwayAdministration",
                vars("administrativeAction", "TERMINATE", "terminationDate", "2026-03-21", "terminationReason",
                        "BORED")))
            .extracting(FieldError::field)
            .containsExactly("terminationDate", "terminationReason");
    }

    @Test
    void aPatientWhoNeedsAnInterpreterIsAskedAtTheFirstAttendanceAndTheDecisionWhetherOneWasUsedAndWhyNot() {
        Pathway p = start("2026-03-02", "MARKED_REFERRAL", Map.of("interpreterLanguage", "  polsk "));
        assertThat(p.variable("interpreterLanguage")).as("stored as checked, trimmed").isEqualTo("polsk");
        today("2026-03-09");
        Map<String, Object> attendance = vars("firstAttendanceDate", "2026-03-09", "firstAttendanceType", "OUTPATIENT");

        assertThat(refused(p, "registerFirstAttendance", attendance)).containsExactly(
                new FieldError("firstAttendanceInterpreterUsed", "Bruk av tolk må fylles ut (ja eller nei)."));
        attendance.put("firstAttendanceInterpreterUsed", false);
        assertThat(refused(p, "registerFirstAttendance", attendance)).containsExactly(new FieldError(
                "firstAttendanceInterpreterNotUsedReason", "Begrunnelse for at tolk ikke ble brukt må fylles ut."));
        attendance.put("firstAttendanceInterpreterNotUsedReason", "Tolken uteble; pasienten ville ikke vente");
        p.completeTask("registerFirstAttendance", attendance).runJob("registerFirstAttendanceCode");
        assertThat(p.codes()).contains("A32S 2026-03-09");

        p.endoscopy("2026-03-10", "OTHER_DISEASE");
        today("2026-03-13");
        Map<String, Object> decision = vars("decisionDate", "2026-03-13", "decisionCode", "CA");
        assertThat(refused(p, "clinicalDecision", decision))
            .containsExactly(new FieldError("decisionInterpreterUsed", "Bruk av tolk må fylles ut (ja eller nei)."));
        decision.put("decisionInterpreterUsed", true);
        p.completeTask("clinicalDecision", decision).runJob("registerDecisionCode");
        assertThat(p.codes()).contains("A32CA 2026-03-13");
    }

    @Test
    void withoutANeedForAnInterpreterTheMilestonesNeitherAskNorRecordAnAnswer() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-09");
        assertThat(p.variable("interpreterLanguage")).isNull();
        assertThat(p.variable("firstAttendanceInterpreterUsed")).isNull();
    }

    @Test
    void aPathwayCannotStartWithAnInvalidReferral() {
        today("2026-03-02");
        long before = runtimeService().createProcessInstanceQuery().count();
        Map<String, Object> referral = new HashMap<>(REFERRAL_DETAILS);
        referral.putAll(vars("referralId", "HEN-BAD", "receivedDate", "2026-03-03", "startBasis", "GUT_FEELING",
                "hospital", "", "nationalId", "31129956716"));
        assertThatThrownBy(() -> runtimeService().startProcessInstanceByKey(PROCESS_KEY, "HEN-BAD", referral))
            .isInstanceOf(InputRefusedException.class)
            .satisfies(e -> assertThat(((InputRefusedException) e).errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("receivedDate", "startBasis", "hospital", "nationalId"));
        assertThat(runtimeService().createProcessInstanceQuery().count()).isEqualTo(before);
        assertThat(ENGINE.jdbc.queryForObject("select count(*) from pathway_code where referral_id = 'HEN-BAD'",
                Long.class))
            .isZero();
    }

}
