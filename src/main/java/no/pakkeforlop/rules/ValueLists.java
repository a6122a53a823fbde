package no.pakkeforlop.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The value lists of the REST API's requests ({@code POST /api/referrals}, a
 * termination), for the intake's checks of a referral and the OpenAPI description
 * ({@code api.OpenApiConfiguration}). Each list is the options of the pathway's form as
 * built (the start form {@code registerReferral}, the coordinator's
 * {@code pathwayAdministration}), so the API offers what Tasklist offers, from one
 * source; the lists of the frailty scales and of a previous cancer are code
 * ({@link FrailtyScale}, {@link PreviousCancer}). A task's own value lists are not here:
 * its completion is checked against the options of its form, as deployed for the version
 * the task runs on ({@code checks.FormFields}).
 */
public final class ValueLists {

    /** The forms of the oesophageal and gastric cancer pathway (A32), as built. */
    static final String FORMS = "forms/a32-spiseror-magesekk/";

    /** The forms every pathway shares (their option values are the same in each). */
    static final String SHARED_FORMS = "forms/shared/";

    // referral (pathway.md: start of the pathway, reasoned suspicion, the referral's
    // contents)
    public static final List<String> START_BASES = options("registerReferral", "startBasis");

    public static final List<String> SUSPICION_CRITERIA = options("registerReferral", "suspicionCriteria");

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
    public static final List<String> REFERRER_TYPES = options("registerReferral", "referrerType");

    /**
     * The frailty assessments a referral may carry; their score ranges are
     * {@link FrailtyScale}'s.
     */
    public static final List<String> FRAILTY_SCALES = Arrays.stream(FrailtyScale.values()).map(Enum::name).toList();

    /** Why a pathway is terminated (A32X), as the coordinator's form offers it. */
    public static final List<String> TERMINATION_REASONS = options("pathwayAdministration", "terminationReason");

    private ValueLists() {
    }

    /**
     * The values of the options of the field with this key in the pathway's form as
     * built.
     * @throws IllegalStateException when the form or the field is not there
     */
    static List<String> options(String form, String key) {
        String own = FORMS + form + ".form";
        String resource = ValueLists.class.getClassLoader().getResource(own) != null ? own
                : SHARED_FORMS + form + ".form";
        try (InputStream in = ValueLists.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The form " + resource + " is not on the classpath");
            }
            JsonNode field = find(new ObjectMapper().readTree(in), key)
                .orElseThrow(() -> new IllegalStateException("The form " + resource + " has no field " + key));
            List<String> values = new ArrayList<>();
            field.path("values").forEach(option -> values.add(option.path("value").asText()));
            if (values.isEmpty()) {
                throw new IllegalStateException("The field " + key + " of " + resource + " has no options");
            }
            return List.copyOf(values);
        }
        catch (IOException e) {
            throw new IllegalStateException("The form " + resource + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static Optional<JsonNode> find(JsonNode container, String key) {
        for (JsonNode component : container.path("components")) {
            if (key.equals(component.path("key").asText(null))) {
                return Optional.of(component);
            }
            Optional<JsonNode> inside = find(component, key);
            if (inside.isPresent()) {
                return inside;
            }
        }
        return Optional.empty();
    }

}
