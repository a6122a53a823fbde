package no.pakkeforlop.intake;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A referral as stored when it started its pathway; {@code pathway} is the pathway it
 * started ("A32").
 */
public record StoredReferral(String referralId, String contentHash, String nationalId, String patientName,
        String hospital, LocalDate receivedDate, String processInstanceId, Instant createdAt, String createdBy,
        String pathway) {
}
