package no.pakkeforlop.milestones;

import static no.pakkeforlop.decisions.TreatmentGroupProposal.GROUPS;
import static no.pakkeforlop.decisions.TreatmentGroupProposal.describe;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.pakkeforlop.checks.FieldError;
import no.pakkeforlop.checks.InputRefusedException;
import no.pakkeforlop.codes.CodeRegistry;
import no.pakkeforlop.decisions.TreatmentGroupProposal;
import no.pakkeforlop.rules.PathwayDates;
import no.pakkeforlop.rules.PathwayRules;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Checks what a milestone task is completed with, before anything is written: every required value
 * present and known, no date in the future, no date before the milestone it follows. Wired in the BPMN as
 * a task listener on "complete"; a refusal throws, so the whole completion rolls back.
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
   * Dates that may lie before the milestones before them in the chain: a gastroscopy done as the filter function
   * (pathway.md: uncertain symptoms are referred to gastroscopy, and cancer found there is referred to the
   * pathway) lies before the referral. Later dates are still checked against it.
   */
  static final Set<String> MAY_PRECEDE_EARLIER_MILESTONES = Set.of("endoscopyDate");
  /** How long before the referral such a gastroscopy may lie: it is what led to the referral, not an old finding. */
  static final int MAX_DAYS_BEFORE_REFERRAL = 365;

  public static final Set<String> FIRST_ATTENDANCE_TYPES = Set.of("OUTPATIENT", "ADMISSION", "IMAGING", "CONTRACT_SPECIALIST");
  public static final Set<String> ENDOSCOPY_RESULTS = Set.of("OESOPHAGEAL_OR_GASTRIC_CANCER", "OTHER_CANCER", "OTHER_DISEASE", "NO_DISEASE");
  public static final Set<String> T_STAGES = Set.of("TIS", "T1A", "T1B", "T2", "T3", "T4A", "T4B", "TX");
  public static final Set<String> N_STAGES = Set.of("N0", "N1", "N2", "N3", "NX");
  public static final Set<String> M_STAGES = Set.of("M0", "M1");
  public static final Set<String> DECISION_CODES = Set.of("CK", "CM", "CA", "CI");
  public static final Set<String> TUMOUR_SITES = Set.of("OESOPHAGUS", "GASTRO_OESOPHAGEAL_JUNCTION", "STOMACH");
  public static final Set<String> HISTOLOGIES = Set.of("ADENOCARCINOMA", "SQUAMOUS_CELL_CARCINOMA", "OTHER");
  /** The specialties of the MDT (pathway.md: oncologist, surgeon, radiologist, coordinator; others when needed). */
  public static final Map<String, String> MDT_SPECIALTIES = specialties();
  /** The first treatment actually given: surgery or endoscopic treatment, drugs, radiation, symptom relief. */
  public static final Set<String> TREATMENTS_STARTED = Set.of("SURGERY", "DRUG", "RADIATION", "SYMPTOM_RELIEF");
  public static final Set<String> PLANNED_TREATMENTS = Set.of("SURGERY", "DRUG", "RADIATION", "SYMPTOM_RELIEF", "ACTIVE_SURVEILLANCE", "NO_TREATMENT");
  public static final Set<String> ADMINISTRATIVE_ACTIONS = Set.of("TRANSFER", "TERMINATE");
  public static final Set<String> TERMINATION_REASONS = Set.of("PATIENT_DECLINES", "TREATMENT_ABROAD_OR_PRIVATE", "DEATH");
  static final int MAX_TEXT = 200;
  static final int MAX_LONG_TEXT = 2000;

  private static Map<String, String> specialties() {
    Map<String, String> specialties = new LinkedHashMap<>();
    specialties.put("mdtOncologistPresent", "Onkolog");
    specialties.put("mdtSurgeonPresent", "Kirurg");
    specialties.put("mdtRadiologistPresent", "Radiolog");
    specialties.put("mdtCoordinatorPresent", "Forløpskoordinator");
    specialties.put("mdtGastroenterologistPresent", "Gastroenterolog");
    specialties.put("mdtPathologistPresent", "Patolog");
    return java.util.Collections.unmodifiableMap(specialties);
  }

  private final PathwayRules rules;
  private final CodeRegistry codes;
  private final TreatmentGroupProposal proposal;

  public MilestoneValidation(PathwayRules rules, CodeRegistry codes, TreatmentGroupProposal proposal) {
    this.rules = rules;
    this.codes = codes;
    this.proposal = proposal;
  }

  @Override
  public void notify(DelegateTask task) {
    List<FieldError> errors = validate(task);
    if (!errors.isEmpty()) {
      throw new InputRefusedException(errors);
    }
  }

  List<FieldError> validate(DelegateTask task) {
    Check check = new Check(task, PathwayDates.today(rules.zone()));
    switch (task.getTaskDefinitionKey()) {
      case "registerFirstAttendance" -> {
        check.milestoneDate("firstAttendanceDate", "Dato for første fremmøte");
        check.oneOf("firstAttendanceType", "Type første fremmøte", FIRST_ATTENDANCE_TYPES);
      }
      case "registerEndoscopyResult" -> {
        check.milestoneDate("endoscopyDate", "Dato for gastroskopi");
        check.oneOf("endoscopyResult", "Resultat av gastroskopi", ENDOSCOPY_RESULTS);
      }
      case "mdtAssessment" -> mdtAssessment(task, check);
      case "clinicalDecision" -> {
        check.milestoneDate("decisionDate", "Beslutningsdato");
        String code = check.oneOf("decisionCode", "Beslutning", DECISION_CODES);
        Object planned = task.getVariable("plannedTreatment");
        if ("CK".equals(code)) {
          check.oneOf("plannedTreatment", "Planlagt behandling", PLANNED_TREATMENTS);
          if (!"OESOPHAGEAL_OR_GASTRIC_CANCER".equals(task.getVariable("endoscopyResult"))
              || task.getVariable("treatmentGroup") == null) {
            check.error("decisionCode", "Beslutning om behandling for kreft i spiserør eller magesekk (CK) krever "
                + "påvist kreft i spiserør eller magesekk og en MDT-vurdering.");
          }
        } else if (code != null && planned != null) {
          check.error("plannedTreatment", "Planlagt behandling skal bare fylles ut når kreft i spiserør eller "
              + "magesekk er påvist og behandling besluttet (CK).");
        }
      }
      case "registerTreatmentStart" -> {
        check.milestoneDate("treatmentStartDate", "Dato for behandlingsstart");
        check.oneOf("treatmentStarted", "Første behandling som ble gitt", TREATMENTS_STARTED);
      }
      case "registerEndOfTreatment" -> check.milestoneDate("endOfTreatmentDate", "Dato for avsluttet primærbehandling");
      case "pathwayAdministration" -> {
        String action = check.oneOf("administrativeAction", "Handling", ADMINISTRATIVE_ACTIONS);
        LocalDate latestCode = codes.latestDate(task.getProcessInstanceId()).orElse(null);
        if ("TRANSFER".equals(action)) {
          check.dateNotBefore("transferDate", "Dato for overføring", latestCode);
          check.text("toHospital", "Helseforetaket forløpet overføres til");
        } else if ("TERMINATE".equals(action)) {
          check.dateNotBefore("terminationDate", "Dato for avslutning", latestCode);
          check.oneOf("terminationReason", "Årsak til avslutning", TERMINATION_REASONS);
        }
      }
      default -> throw new IllegalStateException("No completion rules for task " + task.getTaskDefinitionKey());
    }
    return check.errors;
  }

  /**
   * The MDT's record: staging, operability, resectability, who took part, its group and recommendation. The
   * decision table's proposal for the staging is stored as {@code proposedTreatmentGroup}; a group other than the
   * proposal, or a group where the table proposes none, needs the MDT's reason, and the refusal names the proposal
   * so the MDT sees it before it confirms. When the MDT asks for supplementary workup first, the group may wait.
   */
  private void mdtAssessment(DelegateTask task, Check check) {
    check.milestoneDate("mdtDate", "Dato for MDT-møtet");
    check.oneOf("tumourSite", "Tumorlokalisasjon", TUMOUR_SITES);
    check.oneOf("histology", "Histologi", HISTOLOGIES);
    String t = check.oneOf("tStage", "T-stadium", T_STAGES);
    String n = check.oneOf("nStage", "N-stadium", N_STAGES);
    String m = check.oneOf("mStage", "M-stadium", M_STAGES);
    Integer ecog = check.integer("ecog", "ECOG funksjonsstatus", 0, 4);
    Boolean operable = check.bool("medicallyOperable", "Medisinsk operabel");
    Boolean resectable = check.bool("technicallyResectable", "Teknisk resektabel");
    boolean anySpecialty = false;
    for (String specialty : MDT_SPECIALTIES.keySet()) {
      anySpecialty |= Boolean.TRUE.equals(check.optionalBool(specialty, "Til stede: " + MDT_SPECIALTIES.get(specialty)));
    }
    if (!anySpecialty) {
      check.error("mdtOncologistPresent", "Kryss av for hvilke spesialiteter som deltok i MDT-møtet.");
    }
    boolean workupFirst = Boolean.TRUE.equals(check.optionalBool("supplementaryWorkupNeeded", "Supplerende utredning"));
    String group = workupFirst ? check.optionalOneOf("treatmentGroup", "MDTs behandlingsgruppe", GROUPS.keySet())
        : check.oneOf("treatmentGroup", "MDTs behandlingsgruppe", GROUPS.keySet());
    if (workupFirst) {
      check.optionalText("mdtRecommendation", "MDTs anbefaling", MAX_LONG_TEXT);
    } else {
      check.text("mdtRecommendation", "MDTs anbefaling", MAX_LONG_TEXT);
    }
    String reason = check.optionalText("groupDeviationReason", "Begrunnelse for valg av annen gruppe", MAX_LONG_TEXT);
    if (workupFirst) {
      // the MDT meets again after the workup: a reason given now must not stand pre-filled, unread, for the next
      // round's group (the history keeps it)
      task.removeVariable("groupDeviationReason");
    }
    if (!check.errors.isEmpty() || t == null || n == null || m == null || ecog == null || operable == null
        || resectable == null) {
      return; // the table needs valid staging; the refusal already says what is missing
    }
    Map<String, Object> staging = new LinkedHashMap<>();
    staging.put("tStage", t);
    staging.put("nStage", n);
    staging.put("mStage", m);
    staging.put("ecog", ecog);
    staging.put("medicallyOperable", operable);
    staging.put("technicallyResectable", resectable);
    String proposed = proposal.propose(task.getProcessEngineServices(), staging).orElse(null);
    task.setVariable("proposedTreatmentGroup", proposed);
    if (group == null || group.equals(proposed) || reason != null) {
      return;
    }
    if (proposed == null) {
      check.error("groupDeviationReason", "Beslutningstabellen foreslår ingen behandlingsgruppe for denne "
          + "stadieinndelingen (" + t + " " + n + " " + m + ", ECOG " + ecog + ", " + (operable ? "" : "ikke ")
          + "medisinsk operabel, " + (resectable ? "" : "ikke ") + "teknisk resektabel). MDT har valgt "
          + describe(group) + ": begrunn valget i «Begrunnelse for valg av annen gruppe».");
    } else {
      check.error("groupDeviationReason", "Beslutningstabellen foreslår " + describe(proposed) + ". MDT har valgt "
          + describe(group) + ": velg den foreslåtte gruppen, eller begrunn avviket i «Begrunnelse for valg av "
          + "annen gruppe».");
    }
  }

  /** Collects the refusals of one completion. */
  private static final class Check {
    private final DelegateTask task;
    private final LocalDate today;
    private final List<FieldError> errors = new ArrayList<>();

    Check(DelegateTask task, LocalDate today) {
      this.task = task;
      this.today = today;
    }

    void error(String field, String message) {
      errors.add(new FieldError(field, message));
    }

    /** A date of the milestone chain: valid, not in the future, not before the milestones before it. */
    void milestoneDate(String field, String label) {
      LocalDate date = date(field, label);
      if (date == null) {
        return;
      }
      if (MAY_PRECEDE_EARLIER_MILESTONES.contains(field)) {
        LocalDate referral = PathwayDates.parseOrNull(task.getVariable("receivedDate"));
        if (referral != null && date.isBefore(referral.minusDays(MAX_DAYS_BEFORE_REFERRAL))) {
          error(field, label + " (" + date + ") kan ikke være mer enn " + MAX_DAYS_BEFORE_REFERRAL
              + " dager før mottaksdatoen for henvisningen (" + referral + ").");
        }
        return;
      }
      for (Map.Entry<String, String> previous : DATE_CHAIN.entrySet()) {
        if (previous.getKey().equals(field)) {
          break;
        }
        LocalDate before = PathwayDates.parseOrNull(task.getVariable(previous.getKey()));
        if (before != null && date.isBefore(before)) {
          error(field, label + " (" + date + ") kan ikke være før " + previous.getValue() + " (" + before + ").");
          return;
        }
      }
    }

    void dateNotBefore(String field, String label, LocalDate notBefore) {
      LocalDate date = date(field, label);
      if (date != null && notBefore != null && date.isBefore(notBefore)) {
        error(field, label + " (" + date + ") kan ikke være før siste registrerte forløpskode (" + notBefore + ").");
      }
    }

    private LocalDate date(String field, String label) {
      Object value = task.getVariable(field);
      if (value == null || "".equals(value)) {
        error(field, label + " må fylles ut.");
        return null;
      }
      LocalDate date = PathwayDates.parseOrNull(value);
      if (date == null) {
        error(field, label + " må være en gyldig dato på formen ÅÅÅÅ-MM-DD, ikke «" + shorten(value) + "».");
        return null;
      }
      if (date.isAfter(today)) {
        error(field, label + " (" + date + ") kan ikke være fram i tid.");
        return null;
      }
      return date;
    }

    String oneOf(String field, String label, Set<String> allowed) {
      Object value = task.getVariable(field);
      if (value == null || "".equals(value)) {
        error(field, label + " må fylles ut.");
        return null;
      }
      if (!(value instanceof String text) || !allowed.contains(text)) {
        error(field, label + " har ukjent verdi «" + shorten(value) + "». Gyldige verdier: "
            + String.join(", ", allowed.stream().sorted().toList()) + ".");
        return null;
      }
      return text;
    }

    Integer integer(String field, String label, int min, int max) {
      Object value = task.getVariable(field);
      if (value == null) {
        error(field, label + " må fylles ut.");
        return null;
      }
      if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
          && number.doubleValue() >= min && number.doubleValue() <= max) {
        // forms submit numbers as Long or Double; the decision table reads an integer
        task.setVariable(field, number.intValue());
        return number.intValue();
      }
      error(field, label + " må være et heltall fra " + min + " til " + max + ", ikke «" + shorten(value) + "».");
      return null;
    }

    Boolean bool(String field, String label) {
      Object value = task.getVariable(field);
      if (!(value instanceof Boolean)) {
        error(field, value == null ? label + " må fylles ut (ja eller nei)."
            : label + " må være ja eller nei, ikke «" + shorten(value) + "».");
        return null;
      }
      return (Boolean) value;
    }

    Boolean optionalBool(String field, String label) {
      Object value = task.getVariable(field);
      if (value == null) {
        task.setVariable(field, false);
        return false;
      } else if (!(value instanceof Boolean)) {
        error(field, label + " må være ja eller nei, ikke «" + shorten(value) + "».");
        return null;
      }
      return (Boolean) value;
    }

    String optionalOneOf(String field, String label, Set<String> allowed) {
      Object value = task.getVariable(field);
      return value == null || "".equals(value) ? null : oneOf(field, label, allowed);
    }

    void text(String field, String label) {
      text(field, label, MAX_TEXT);
    }

    void text(String field, String label, int max) {
      Object value = task.getVariable(field);
      if (!(value instanceof String text) || text.isBlank()) {
        error(field, label + " må fylles ut.");
      } else if (text.length() > max) {
        error(field, label + " kan ha høyst " + max + " tegn.");
      }
    }

    /** Free text that may be left empty; @return the text, or null when empty or refused */
    String optionalText(String field, String label, int max) {
      Object value = task.getVariable(field);
      if (value == null || value instanceof String text && text.isBlank()) {
        return null;
      }
      if (!(value instanceof String text)) {
        error(field, label + " må være tekst.");
        return null;
      }
      if (text.length() > max) {
        error(field, label + " kan ha høyst " + max + " tegn (nå " + text.length() + ").");
        return null;
      }
      return text;
    }

    private static String shorten(Object value) {
      String text = String.valueOf(value);
      return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
  }
}
