package no.pakkeforlop.rules;

import java.util.Arrays;
import java.util.List;

/**
 * The codes forms and requests carry, each list in one place, in the order of the pathway
 * document: the server's checks read them, the OpenAPI description is filled from them
 * ({@code api.OpenApiConfiguration}), and the rules table's selectors
 * ({@code *.rules.json}: decision codes, treatments) are kept equal to them by a test.
 * The five treatment groups, with the words staff see, are the decision table's
 * ({@code decisions.TreatmentGroupProposal}).
 */
public final class ValueLists {

    // referral (pathway.md: start of the pathway, reasoned suspicion, the referral's
    // contents)
    public static final List<String> START_BASES = List.of("MARKED_REFERRAL", "UNMARKED_MEETS_CRITERIA",
            "SUSPICION_IN_SPECIALIST_CARE");

    public static final List<String> SUSPICION_CRITERIA = List.of("DYSPHAGIA_OVER_2_WEEKS",
            "EARLY_SATIETY_OR_VOMITING_3_WEEKS", "WEIGHT_LOSS_WITH_UPPER_ABDOMINAL_PAIN",
            "GI_BLEEDING_WITH_IRON_DEFICIENCY_ANAEMIA", "ENDOSCOPIC_OR_RADIOLOGICAL_FINDING");

    /**
     * A referral of a patient who had cancer before: recurrence, new primary or uncertain
     * origin ({@link PreviousCancer}).
     */
    public static final List<String> PREVIOUS_CANCER = PreviousCancer.NAMES;

    /**
     * Who referred: OTHER_HEALTH_TRUST is another health trust referring a patient
     * already in the pathway there on to this one (HF1 → HF2; the referrer's name is that
     * trust).
     */
    public static final List<String> REFERRER_TYPES = List.of("GP", "CONTRACT_SPECIALIST", "RADIOLOGY_INSTITUTE",
            "OTHER_PHYSICIAN", "OTHER_HEALTH_TRUST");

    /**
     * The frailty assessments a referral may carry; their score ranges are
     * {@link FrailtyScale}'s.
     */
    public static final List<String> FRAILTY_SCALES = Arrays.stream(FrailtyScale.values()).map(Enum::name).toList();

    // milestones
    public static final List<String> FIRST_ATTENDANCE_TYPES = List.of("OUTPATIENT", "ADMISSION", "IMAGING",
            "CONTRACT_SPECIALIST");

    /**
     * NON_DIAGNOSTIC: the biopsy did not answer; a new gastroscopy is done and no code is
     * registered, the 21 days keep running.
     */
    public static final List<String> ENDOSCOPY_RESULTS = List.of("OESOPHAGEAL_OR_GASTRIC_CANCER", "OTHER_CANCER",
            "OTHER_DISEASE", "NO_DISEASE", "NON_DIAGNOSTIC");

    public static final List<String> TUMOUR_SITES = List.of("OESOPHAGUS", "GASTRO_OESOPHAGEAL_JUNCTION", "STOMACH");

    public static final List<String> HISTOLOGIES = List.of("ADENOCARCINOMA", "SQUAMOUS_CELL_CARCINOMA", "OTHER");

    public static final List<String> T_STAGES = List.of("TIS", "T1A", "T1B", "T2", "T3", "T4A", "T4B", "TX");

    public static final List<String> N_STAGES = List.of("N0", "N1", "N2", "N3", "NX");

    public static final List<String> M_STAGES = List.of("M0", "M1");

    /**
     * A32CK (treatment of this cancer), CM (other cancer), CA (other disease), CI (no
     * disease).
     */
    public static final List<String> DECISION_CODES = List.of("CK", "CM", "CA", "CI");

    public static final List<String> PLANNED_TREATMENTS = List.of("SURGERY", "DRUG", "RADIATION", "SYMPTOM_RELIEF",
            "ACTIVE_SURVEILLANCE", "NO_TREATMENT");

    /**
     * The first treatment actually given: surgery or endoscopic treatment, drugs,
     * radiation, symptom relief.
     */
    public static final List<String> TREATMENTS_STARTED = List.of("SURGERY", "DRUG", "RADIATION", "SYMPTOM_RELIEF");

    // the coordinator's administrative actions (A32O, A32X)
    public static final List<String> ADMINISTRATIVE_ACTIONS = List.of("TRANSFER", "TERMINATE");

    public static final List<String> TERMINATION_REASONS = List.of("PATIENT_DECLINES", "TREATMENT_ABROAD_OR_PRIVATE",
            "DEATH");

    // dialogue and follow-up
    public static final List<String> NEEDS_ASSESSMENT_ANSWERS = List.of("ACCEPTED", "DECLINED", "LATER");

    public static final List<String> BREACH_CAUSES = List.of("CAPACITY", "PATIENT", "MEDICAL", "OTHER_HOSPITAL",
            "OTHER");

    private ValueLists() {
    }

}
