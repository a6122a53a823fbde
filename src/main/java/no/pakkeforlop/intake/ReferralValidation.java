package no.pakkeforlop.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import no.pakkeforlop.checks.Check.Bound;
import no.pakkeforlop.checks.Check;
import no.pakkeforlop.checks.Checker;
import no.pakkeforlop.checks.Field.Date;
import no.pakkeforlop.checks.Field.OneOf;
import no.pakkeforlop.checks.Field.Text;
import no.pakkeforlop.checks.Field.WholeNumber;
import no.pakkeforlop.checks.Field;
import no.pakkeforlop.checks.Messages;
import no.pakkeforlop.dialogue.Interpreter;
import no.pakkeforlop.refusals.FieldError;
import no.pakkeforlop.rules.FrailtyScale;
import no.pakkeforlop.rules.PathwayCatalog;
import no.pakkeforlop.rules.PreviousCancer;
import no.pakkeforlop.rules.ValueLists;
import org.camunda.spin.json.SpinJsonNode;

/**
 * The rules a referral must meet to start a pathway, applied to the process variables of
 * the start (whichever way it comes: REST, Tasklist's start form, Java API): a table
 * evaluated by the shared {@link Checker}, which collects every refusal, with a message
 * for staff. Whether the criteria amount to reasoned suspicion is decided by the DMN
 * table {@code reasoned-suspicion}.
 */
public final class ReferralValidation {

    /** Safe in a URL path and within the code table's column. */
    static final Pattern REFERRAL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final int MAX_NAME = 200;

    /**
     * The cancer pathways started on 1 January 2015; an earlier received date is a typing
     * error (0001-01-01).
     */
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
     * A referral to the pathway a referral that names none is for
     * ({@value PathwayCatalog#DEFAULT_PATHWAY}).
     */
    public static Result validate(Map<String, ?> variables, LocalDate today,
            Predicate<List<String>> reasonedSuspicion) {
        return validate(variables, PathwayCatalog.DEFAULT_PATHWAY, today, reasonedSuspicion);
    }

    /**
     * @param variables the start variables
     * @param pathway the pathway the referral is for ("A32"), known to exist
     * @param today today in the pathway's zone, by the engine clock
     * @param reasonedSuspicion decides whether the (known) criteria give reasoned
     * suspicion
     */
    public static Result validate(Map<String, ?> variables, String pathway, LocalDate today,
            Predicate<List<String>> reasonedSuspicion) {
        Checker checker = Checker.of(variables, today).check(table(reasonedSuspicion));
        if (checker.refused()) {
            return new Result(null, checker.errors());
        }
        Map<String, Object> v = checker.accepted();
        @SuppressWarnings("unchecked")
        List<String> criteria = (List<String>) v.get("suspicionCriteria");
        return new Result(new Referral((String) v.get("referralId"), (String) v.get("nationalId"),
                (String) v.get("patientName"), (LocalDate) v.get("receivedDate"), (String) v.get("startBasis"),
                criteria, (String) v.get("medications"), (String) v.get("comorbidity"), (String) v.get("frailtyScale"),
                (Integer) v.get("frailtyScore"), (String) v.get("referrerType"), (String) v.get("referrerName"),
                (String) v.get("hospital"), (String) v.get(Interpreter.LANGUAGE),
                (String) v.get("responsibleDepartment"), (String) v.get(PreviousCancer.VARIABLE),
                (LocalDate) v.get(Referral.FIRST_TRUST_START_DATE), pathway), List.of());
    }

    private static List<Check> table(Predicate<List<String>> reasonedSuspicion) {
        return List.of(new Text("referralId", "Henvisnings-ID", 64, true),
                Check.when(c -> c.acceptedText("referralId") != null
                        && !REFERRAL_ID.matcher(c.acceptedText("referralId")).matches(), c -> {
                            c.error("referralId",
                                    "Henvisnings-ID kan bare inneholde bokstavene A-Z, sifre, punktum, bindestrek og "
                                            + "understrek, og må begynne med en bokstav eller et siffer.");
                            c.accept("referralId", null);
                        }),
                ReferralValidation::nationalId, new Text("patientName", "Pasientens navn", MAX_NAME, true),
                new Date("receivedDate", "Mottaksdato", true, true),
                Check.notBefore("receivedDate", "Mottaksdato",
                        c -> List.of(new Bound(FIRST_RECEIVED_DATE, "innføringen av pakkeforløpene for kreft"))),
                new OneOf("startBasis", "Grunnlag for start av pakkeforløp", ValueLists.START_BASES, true, true),
                ReferralValidation::criteria, c -> {
                    if (c.accepted("suspicionCriteria") instanceof List<?> criteria
                            && !reasonedSuspicion.test(strings(criteria))) {
                        c.error("suspicionCriteria",
                                "Henvisningen gir ikke begrunnet mistanke: minst ett kriterium må være "
                                        + "oppfylt. Usikre eller mildere symptomer henvises til gastroskopi (filterfunksjon).");
                        c.accept("suspicionCriteria", null);
                    }
                },
                // pathway.md: the referral "should also carry important information such
                // as" medications, comorbidity and a frailty assessment: examples,
                // recorded when given, never a reason to refuse a pathway
                Text.lines("medications", "Legemidler", MAX_TEXT, false),
                Text.lines("comorbidity", "Komorbiditet", MAX_TEXT, false),
                Check.when(c -> !Field.blank(c.value("frailtyScale")) || !Field.blank(c.value("frailtyScore")),
                        new OneOf("frailtyScale", "Skala for skrøpelighet", ValueLists.FRAILTY_SCALES, true, true),
                        c -> FrailtyScale.of(c.acceptedText("frailtyScale"))
                            .ifPresent(scale -> c.check(List.of(new WholeNumber("frailtyScore",
                                    "Skår på " + scale.label(), scale.min(), scale.max(), true))))),
                // start basis 3: the suspicion arose in the hospital, so there is no
                // referral, no referrer and no copy for the GP; the department that holds
                // the suspicion is responsible instead
                Check.shownWhen(c -> !suspicionInSpecialistCare(c),
                        new OneOf("referrerType", "Type henviser", ValueLists.REFERRER_TYPES, true, true)),
                Check.shownWhen(c -> !suspicionInSpecialistCare(c),
                        new Text("referrerName", "Henviserens navn", MAX_NAME, true)),
                // a referral from another health trust (HF1 → HF2) may carry the day the
                // pathway started there: not after this trust received it
                Check.shownWhen(ReferralValidation::fromAnotherHealthTrust,
                        new Date(Referral.FIRST_TRUST_START_DATE, FIRST_TRUST_START, false, true)),
                Check.when(c -> !fromAnotherHealthTrust(c) && c.acceptedText("referrerType") != null
                        && c.accepted(Referral.FIRST_TRUST_START_DATE) != null, c -> {
                            c.error(Referral.FIRST_TRUST_START_DATE, FIRST_TRUST_START
                                    + " gjelder bare en henvisning fra et annet helseforetak (henviser: annet helseforetak).");
                            c.accept(Referral.FIRST_TRUST_START_DATE, null);
                        }),
                Check.notBefore("receivedDate", "Mottaksdato",
                        c -> c.accepted(Referral.FIRST_TRUST_START_DATE) instanceof LocalDate first ? List
                            .of(new Bound(first, "startdatoen for pakkeforløpet i det henvisende helseforetaket"))
                                : List.of()),
                Check.shownWhen(ReferralValidation::suspicionInSpecialistCare,
                        new Text("responsibleDepartment", "Ansvarlig avdeling", MAX_NAME, true)),
                trimmed("responsibleDepartment"), new Text("hospital", "Sykehus / helseforetak", MAX_NAME, true),
                // "Tolketjeneste skal benyttes ved behov": the language, when the patient
                // needs an interpreter (dialogue.Interpreter)
                new Text(Interpreter.LANGUAGE, "Språk pasienten trenger tolk på", Interpreter.LANGUAGE_MAX, false),
                trimmed(Interpreter.LANGUAGE),
                // a patient who had cancer before: recurrence, new cancer or uncertain
                // origin; when the referral does not say and the patient had a pathway
                // here, the coordinator decides (ReferralIntake)
                new OneOf(PreviousCancer.VARIABLE, "Tidligere kreft", ValueLists.PREVIOUS_CANCER, false));
    }

    private static final String FIRST_TRUST_START = "Startdato for pakkeforløpet i det henvisende helseforetaket";

    private static boolean fromAnotherHealthTrust(Checker checker) {
        return "OTHER_HEALTH_TRUST".equals(checker.acceptedText("referrerType"));
    }

    /** Start basis 3: reasoned suspicion arising inside specialist care. */
    static final String SUSPICION_IN_SPECIALIST_CARE = "SUSPICION_IN_SPECIALIST_CARE";

    private static boolean suspicionInSpecialistCare(Checker checker) {
        return SUSPICION_IN_SPECIALIST_CARE.equals(checker.acceptedText("startBasis"));
    }

    /** An accepted text without the spaces around it. */
    private static Check trimmed(String key) {
        return c -> {
            if (c.acceptedText(key) != null) {
                c.accept(key, c.acceptedText(key).strip());
            }
        };
    }

    private static List<String> strings(List<?> list) {
        return list.stream().map(String::valueOf).toList();
    }

    private static void nationalId(Checker checker) {
        Object value = checker.value("nationalId");
        String nationalId = value instanceof String s ? s : null;
        NationalId.problem(nationalId)
            .ifPresentOrElse(
                    problem -> checker.error("nationalId",
                            value == null || nationalId != null ? problem + "." : NationalId.WRONG_FORMAT + "."),
                    () -> checker.accept("nationalId", nationalId));
    }

    /**
     * At least one criterion, each a known one; the list as a JSON list, a Java
     * collection or JSON text.
     */
    private static void criteria(Checker checker) {
        Object value = checker.value("suspicionCriteria");
        List<String> criteria = criteriaOf(value);
        String valid = " Gyldige verdier: " + Messages.values(ValueLists.SUSPICION_CRITERIA) + ".";
        if (value == null || criteria != null && criteria.isEmpty()) {
            checker.error("suspicionCriteria", "Minst ett kriterium for begrunnet mistanke må være oppgitt." + valid);
        }
        else if (criteria == null) {
            checker.error("suspicionCriteria", "Kriterier for begrunnet mistanke må være en liste.");
        }
        else {
            List<String> unknown = criteria.stream().filter(c -> !ValueLists.SUSPICION_CRITERIA.contains(c)).toList();
            if (unknown.isEmpty()) {
                checker.accept("suspicionCriteria", criteria);
            }
            else {
                checker.error("suspicionCriteria", "Ukjent kriterium for begrunnet mistanke: "
                        + unknown.stream().map(Messages::shorten).collect(Collectors.joining(", ")) + "." + valid);
            }
        }
    }

    /**
     * The criteria as a list of strings, from what the variable holds: a JSON list
     * (Camunda Forms checklist, REST), a Java collection, or JSON text; null when it is
     * none of these.
     */
    static List<String> criteriaOf(Object value) {
        JsonNode node;
        if (value instanceof Collection<?> collection) {
            node = JSON.valueToTree(collection);
        }
        else if (value instanceof SpinJsonNode spin) {
            node = parse(spin.toString());
        }
        else if (value instanceof String text) {
            node = parse(text);
        }
        else {
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
        }
        catch (JsonProcessingException e) {
            return null;
        }
    }

}
