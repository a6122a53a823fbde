package no.pakkeforlop.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a referral of a patient who had cancer before is (pathway.md, "A patient who had a
 * pathway before"; the pathway document, chapter 5): a recurrence after finished
 * treatment is not referred to a new pathway, but the patient is cared for by the same
 * principles; a new cancer starts a new pathway; when it is uncertain whether the disease
 * comes from the earlier cancer, the patient goes to the pathway for metastases of
 * unknown origin (B01). Kept in the process variable {@value #VARIABLE}, given with the
 * referral or decided by the coordinator ({@code clarifyPreviousCancer}).
 */
public enum PreviousCancer {

    /** Tilbakefall av tidligere kreft: the same steps, no A32 code, no pathway time. */
    RECURRENCE,
    /** Ny kreftsykdom (ny primærtumor): a new pathway, A32A on the received date. */
    NEW_PRIMARY,
    /** Usikkert om det er tilbakefall eller ny kreft: referred to B01, no A32 code. */
    UNCERTAIN_ORIGIN;

    public static final String VARIABLE = "previousCancer";

    public static final List<String> NAMES = Arrays.stream(values()).map(Enum::name).toList();

    public static Optional<PreviousCancer> of(Object value) {
        return value instanceof String name && NAMES.contains(name) ? Optional.of(valueOf(name)) : Optional.empty();
    }

    /** The pathway's answer, read from its variables; empty while nobody has said. */
    public static Optional<PreviousCancer> of(Function<String, Object> variables) {
        return of(variables.apply(VARIABLE));
    }

    /**
     * False for a recurrence and an uncertain origin: the pathway then registers no A32
     * code at all (NPR counts no pathway), and no standard time can be breached.
     */
    public static boolean registersCodes(Function<String, Object> variables) {
        return of(variables).map(kind -> kind == NEW_PRIMARY).orElse(true);
    }

}
