package no.pakkeforlop.codes;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A correction of a registered code: its date corrected ({@code newDate}) or the code
 * withdrawn as registered in error, with the reason, who and when.
 */
public record CodeCorrection(String code, LocalDate oldDate, LocalDate newDate, boolean withdrawn, String reason,
        String userId, Instant at) {
}
