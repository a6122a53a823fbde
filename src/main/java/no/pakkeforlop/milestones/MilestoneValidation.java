package no.pakkeforlop.milestones;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.pakkeforlop.codes.CodeRegistry;
import no.pakkeforlop.pathway.PathwayDates;
import no.pakkeforlop.pathway.PathwayRules;
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
  }

  public static final Set<String> FIRST_ATTENDANCE_TYPES = Set.of("OUTPATIENT", "ADMISSION", "IMAGING", "CONTRACT_SPECIALIST");
  public static final Set<String> ENDOSCOPY_RESULTS = Set.of("OESOPHAGEAL_OR_GASTRIC_CANCER", "OTHER_CANCER", "OTHER_DISEASE", "NO_DISEASE");
  public static final Set<String> T_STAGES = Set.of("TIS", "T1A", "T1B", "T2", "T3", "T4A", "T4B", "TX");
  public static final Set<String> N_STAGES = Set.of("N0", "N1", "N2", "N3", "NX");
  public static final Set<String> M_STAGES = Set.of("M0", "M1");
  public static final Set<String> DECISION_CODES = Set.of("CK", "CM", "CA", "CI");
  public static final Set<String> PLANNED_TREATMENTS = Set.of("SURGERY", "DRUG", "RADIATION", "SYMPTOM_RELIEF", "ACTIVE_SURVEILLANCE", "NO_TREATMENT");
  public static final Set<String> ADMINISTRATIVE_ACTIONS = Set.of("TRANSFER", "TERMINATE");
  public static final Set<String> TERMINATION_REASONS = Set.of("PATIENT_DECLINES", "TREATMENT_ABROAD_OR_PRIVATE", "DEATH");
  static final int MAX_TEXT = 200;

  private final PathwayRules rules;
  private final CodeRegistry codes;

  public MilestoneValidation(PathwayRules rules, CodeRegistry codes) {
    this.rules = rules;
    this.codes = codes;
  }

  @Override
  public void notify(DelegateTask task) {
    List<FieldError> errors = validate(task);
    if (!errors.isEmpty()) {
      throw new MilestoneRejectedException(errors);
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
      case "mdtAssessment" -> {
        check.milestoneDate("mdtDate", "Dato for MDT-møtet");
        check.oneOf("tStage", "T-stadium", T_STAGES);
        check.oneOf("nStage", "N-stadium", N_STAGES);
        check.oneOf("mStage", "M-stadium", M_STAGES);
        check.integer("ecog", "ECOG funksjonsstatus", 0, 4);
        check.bool("medicallyOperable", "Medisinsk operabel");
        check.bool("technicallyResectable", "Teknisk resektabel");
        check.optionalBool("supplementaryWorkupNeeded", "Supplerende utredning");
      }
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
      case "registerTreatmentStart" -> check.milestoneDate("treatmentStartDate", "Dato for behandlingsstart");
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

    void integer(String field, String label, int min, int max) {
      Object value = task.getVariable(field);
      if (value == null) {
        error(field, label + " må fylles ut.");
        return;
      }
      if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
          && number.doubleValue() >= min && number.doubleValue() <= max) {
        // forms submit numbers as Long or Double; the decision table reads an integer
        task.setVariable(field, number.intValue());
        return;
      }
      error(field, label + " må være et heltall fra " + min + " til " + max + ", ikke «" + shorten(value) + "».");
    }

    void bool(String field, String label) {
      Object value = task.getVariable(field);
      if (!(value instanceof Boolean)) {
        error(field, value == null ? label + " må fylles ut (ja eller nei)."
            : label + " må være ja eller nei, ikke «" + shorten(value) + "».");
      }
    }

    void optionalBool(String field, String label) {
      Object value = task.getVariable(field);
      if (value == null) {
        task.setVariable(field, false);
      } else if (!(value instanceof Boolean)) {
        error(field, label + " må være ja eller nei, ikke «" + shorten(value) + "».");
      }
    }

    void text(String field, String label) {
      Object value = task.getVariable(field);
      if (!(value instanceof String text) || text.isBlank()) {
        error(field, label + " må fylles ut.");
      } else if (text.length() > MAX_TEXT) {
        error(field, label + " kan ha høyst " + MAX_TEXT + " tegn.");
      }
    }

    private static String shorten(Object value) {
      String text = String.valueOf(value);
      return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
  }
}
