package no.pakkeforlop.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import no.pakkeforlop.checks.FieldError;
import no.pakkeforlop.rules.PathwayDates;
import org.camunda.spin.json.SpinJsonNode;

/**
 * The rules a referral must meet to start a pathway, applied to the process variables of the start (whichever
 * way it comes: REST, Tasklist's start form, Java API). Collects every refusal, with a message for staff.
 * Whether the criteria amount to reasoned suspicion is decided by the DMN table {@code reasoned-suspicion}.
 */
public final class ReferralValidation {

  public static final Set<String> START_BASES = Set.of("MARKED_REFERRAL", "UNMARKED_MEETS_CRITERIA",
      "SUSPICION_IN_SPECIALIST_CARE");
  public static final Set<String> SUSPICION_CRITERIA = Set.of("DYSPHAGIA_OVER_2_WEEKS",
      "EARLY_SATIETY_OR_VOMITING_3_WEEKS", "WEIGHT_LOSS_WITH_UPPER_ABDOMINAL_PAIN",
      "GI_BLEEDING_WITH_IRON_DEFICIENCY_ANAEMIA", "ENDOSCOPIC_OR_RADIOLOGICAL_FINDING");
  public static final Set<String> REFERRER_TYPES = Set.of("GP", "CONTRACT_SPECIALIST", "RADIOLOGY_INSTITUTE",
      "OTHER_PHYSICIAN");
  /** Safe in a URL path and within the code table's column. */
  static final Pattern REFERRAL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  static final int MAX_NAME = 200;
  /** The cancer pathways started on 1 January 2015; an earlier received date is a typing error (0001-01-01). */
  static final LocalDate FIRST_RECEIVED_DATE = LocalDate.of(2015, 1, 1);
  /** Camunda stores a string variable in a 4000-character column. */
  static final int MAX_TEXT = 4000;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The outcome: either a referral or the refusals. */
  public record Result(Referral referral, List<FieldError> errors) {
    public boolean valid() {
      return errors.isEmpty();
    }
  }

  private ReferralValidation() {
  }

  /**
   * @param variables        the start variables
   * @param today            today in the pathway's zone, by the engine clock
   * @param reasonedSuspicion decides whether the (known) criteria give reasoned suspicion
   */
  public static Result validate(Map<String, ?> variables, LocalDate today, Predicate<List<String>> reasonedSuspicion) {
    Check check = new Check(variables);
    String referralId = check.text("referralId", "Henvisnings-ID", 64);
    if (referralId != null && !REFERRAL_ID.matcher(referralId).matches()) {
      check.error("referralId", "Henvisnings-ID kan bare inneholde bokstavene A-Z, sifre, punktum, bindestrek og "
          + "understrek, og må begynne med en bokstav eller et siffer.");
      referralId = null;
    }
    Object nationalIdValue = variables.get("nationalId");
    String nationalId = nationalIdValue instanceof String s ? s : null;
    String problem = NationalId.problem(nationalId).orElse(null);
    if (problem != null) {
      check.error("nationalId", nationalIdValue == null || nationalId != null ? problem + "." : NationalId.WRONG_FORMAT + ".");
      nationalId = null;
    }
    String patientName = check.text("patientName", "Pasientens navn", MAX_NAME);
    LocalDate receivedDate = check.receivedDate(today);
    String startBasis = check.oneOf("startBasis", "Grunnlag for start av pakkeforløp", START_BASES);
    List<String> criteria = check.criteria();
    if (criteria != null && !reasonedSuspicion.test(criteria)) {
      check.error("suspicionCriteria", "Henvisningen gir ikke begrunnet mistanke: minst ett kriterium må være "
          + "oppfylt. Usikre eller mildere symptomer henvises til gastroskopi (filterfunksjon).");
      criteria = null;
    }
    // pathway.md: the referral "should also carry important information such as" medications, comorbidity and a
    // frailty assessment: examples, recorded when given, never a reason to refuse a pathway
    String medications = check.optionalText("medications", "Legemidler", MAX_TEXT);
    String comorbidity = check.optionalText("comorbidity", "Komorbiditet", MAX_TEXT);
    String scaleName = null;
    Integer frailtyScore = null;
    if (!check.absent("frailtyScale") || !check.absent("frailtyScore")) {
      scaleName = check.oneOf("frailtyScale", "Skala for skrøpelighet",
          Arrays.stream(FrailtyScale.values()).map(Enum::name).collect(Collectors.toSet()));
      frailtyScore = scaleName == null ? null : check.score(FrailtyScale.valueOf(scaleName));
    }
    String referrerType = check.oneOf("referrerType", "Type henviser", REFERRER_TYPES);
    String referrerName = check.text("referrerName", "Henviserens navn", MAX_NAME);
    String hospital = check.text("hospital", "Sykehus / helseforetak", MAX_NAME);

    if (!check.errors.isEmpty()) {
      return new Result(null, List.copyOf(check.errors));
    }
    return new Result(new Referral(referralId, nationalId, patientName, receivedDate, startBasis, criteria,
        medications, comorbidity, scaleName, frailtyScore, referrerType, referrerName, hospital), List.of());
  }

  /**
   * The criteria as a list of strings, from what the variable holds: a JSON list (Camunda Forms checklist, REST),
   * a Java collection, or JSON text; null when it is none of these.
   */
  static List<String> criteriaOf(Object value) {
    JsonNode node;
    if (value instanceof Collection<?> collection) {
      node = JSON.valueToTree(collection);
    } else if (value instanceof SpinJsonNode spin) {
      node = parse(spin.toString());
    } else if (value instanceof String text) {
      node = parse(text);
    } else {
      return null;
    }
    if (node == null || !node.isArray()) {
      return null;
    }
    List<String> criteria = new ArrayList<>();
    for (JsonNode element : node) {
      criteria.add(element.isTextual() ? element.asText() : element.toString());
    }
    return criteria;
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static final class Check {
    private final Map<String, ?> variables;
    private final List<FieldError> errors = new ArrayList<>();

    Check(Map<String, ?> variables) {
      this.variables = variables;
    }

    void error(String field, String message) {
      errors.add(new FieldError(field, message));
    }

    String text(String field, String label, int max) {
      Object value = variables.get(field);
      if (value == null || value instanceof String s && s.isBlank()) {
        error(field, label + " må fylles ut.");
        return null;
      }
      if (!(value instanceof String text)) {
        error(field, label + " må være tekst.");
        return null;
      }
      if (text.length() > max) {
        error(field, label + " kan ha høyst " + max + " tegn.");
        return null;
      }
      return text;
    }

    boolean absent(String field) {
      Object value = variables.get(field);
      return value == null || value instanceof String s && s.isBlank();
    }

    /** Text that may be left out; blank counts as left out. */
    String optionalText(String field, String label, int max) {
      return absent(field) ? null : text(field, label, max);
    }

    String oneOf(String field, String label, Set<String> allowed) {
      Object value = variables.get(field);
      if (value == null || "".equals(value)) {
        error(field, label + " må fylles ut. Gyldige verdier: " + sorted(allowed) + ".");
        return null;
      }
      if (!(value instanceof String text) || !allowed.contains(text)) {
        error(field, label + " har ukjent verdi «" + shorten(value) + "». Gyldige verdier: " + sorted(allowed) + ".");
        return null;
      }
      return text;
    }

    LocalDate receivedDate(LocalDate today) {
      Object value = variables.get("receivedDate");
      if (value == null || "".equals(value)) {
        error("receivedDate", "Mottaksdato må fylles ut.");
        return null;
      }
      LocalDate date = value instanceof String ? PathwayDates.parseOrNull(value) : null;
      if (date == null) {
        error("receivedDate", "Mottaksdato må være en gyldig dato på formen ÅÅÅÅ-MM-DD, ikke «" + shorten(value) + "».");
        return null;
      }
      if (date.isAfter(today)) {
        error("receivedDate", "Mottaksdato (" + date + ") kan ikke være fram i tid.");
        return null;
      }
      if (date.isBefore(FIRST_RECEIVED_DATE)) {
        error("receivedDate", "Mottaksdato (" + date + ") kan ikke være før " + FIRST_RECEIVED_DATE
            + ", da pakkeforløpene for kreft ble innført.");
        return null;
      }
      return date;
    }

    List<String> criteria() {
      Object value = variables.get("suspicionCriteria");
      List<String> criteria = criteriaOf(value);
      if (value == null || criteria != null && criteria.isEmpty()) {
        error("suspicionCriteria", "Minst ett kriterium for begrunnet mistanke må være oppgitt. Gyldige verdier: "
            + sorted(SUSPICION_CRITERIA) + ".");
        return null;
      }
      if (criteria == null) {
        error("suspicionCriteria", "Kriterier for begrunnet mistanke må være en liste.");
        return null;
      }
      List<String> unknown = criteria.stream().filter(c -> !SUSPICION_CRITERIA.contains(c)).toList();
      if (!unknown.isEmpty()) {
        error("suspicionCriteria", "Ukjent kriterium for begrunnet mistanke: " + unknown.stream()
            .map(ReferralValidation::shorten).collect(Collectors.joining(", ")) + ". Gyldige verdier: "
            + sorted(SUSPICION_CRITERIA) + ".");
        return null;
      }
      return criteria;
    }

    Integer score(FrailtyScale scale) {
      Object value = variables.get("frailtyScore");
      String label = "Skår på " + scale.label();
      if (value == null) {
        error("frailtyScore", label + " må fylles ut.");
        return null;
      }
      // forms submit numbers as Long or Double
      if (value instanceof Number number && !(number instanceof Float || number instanceof Double)
          || value instanceof Double d && d == Math.rint(d) || value instanceof Float f && f == Math.rint(f)) {
        double score = ((Number) value).doubleValue();
        if (score >= scale.min() && score <= scale.max()) {
          return (int) score;
        }
      }
      error("frailtyScore", label + " må være et heltall fra " + scale.min() + " til " + scale.max()
          + ", ikke «" + shorten(value) + "».");
      return null;
    }

    private static String sorted(Set<String> values) {
      return String.join(", ", values.stream().sorted().toList());
    }
  }

  static String shorten(Object value) {
    String text = String.valueOf(value);
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
