package no.pakkeforlop.pathways;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import no.pakkeforlop.codes.CodeCorrection;
import no.pakkeforlop.reports.PathwayTimes.IntervalTime;

/**
 * A pathway as the API shows it: its state, its codes in the order registered, and the
 * four standard intervals; then the patient's other pathways (earlier ones, e.g. before a
 * relapse or a new cancer, and later ones), oldest first, and the referrals that came
 * while this one ran and were attached to it instead of starting a pathway; the language
 * the patient needs an interpreter for, when the referral gave one (a need, not an
 * identifier); the clinicians' reasons for registrations that contradict what came before
 * (no cancer after a biopsy that showed it, symptom relief only in a curative group);
 * every correction of its codes (a date corrected, a code withdrawn), oldest first. For a
 * patient who had cancer before: {@code previousCancer} (RECURRENCE, NEW_PRIMARY,
 * UNCERTAIN_ORIGIN; null while the coordinator has not decided, or for a first pathway
 * that says nothing) and {@code previousReferralId}, the patient's latest earlier pathway
 * here when this one started. A recurrence registers no codes and its intervals are all
 * NOT_APPLICABLE. Last, for a referral on from another health trust, that trust and the
 * day the pathway started there ({@code referredFrom}). {@code pathway} is the pathway
 * ("A32", its code prefix) and {@code pathwayName} its name, as the rules of the version
 * it runs on (or ran on) give them; the patient's other pathways name theirs.
 * {@code version} is the version of the pathway's model it runs on (Cockpit's process
 * definition version; a changed pathway deploys as the next version, and running pathways
 * stay on theirs until an operator moves them), {@code versionDeployedAt} when that
 * version was deployed; both null when the pathway's history is gone.
 */
public record PathwayStatus(String referralId, String processInstanceId,
        @Schema(description = "Pakkeforløpet (kodeprefikset)", example = "A32") String pathway,
        @Schema(description = "Pakkeforløpets navn", example = "Kreft i spiserør og magesekk") String pathwayName,
        @Schema(description = "Versjonen av forløpsmodellen forløpet følger (prosessdefinisjonens versjon)",
                example = "3") Integer version,
        @Schema(description = "Når den versjonen ble tatt i bruk") Instant versionDeployedAt, State state,
        List<Code> codes, List<IntervalTime> intervals, List<OtherPathway> otherPathways,
        List<AdditionalReferral> additionalReferrals,
        @Schema(description = "Språket pasienten trenger tolk på, når pasienten trenger tolk (for dem som "
                + "bestiller timer og samtaler)", example = "polsk") String interpreterLanguage,
        List<Reason> reasons, List<CodeCorrection> corrections, String previousCancer, String previousReferralId,
        ReferredFrom referredFrom) {

    /**
     * A referral on from another health trust where the patient is already in the pathway
     * (HF1 → HF2): that trust, and the day the pathway started there when known. This
     * trust's intervals run from its own A32A, the day it received the referral.
     */
    public record ReferredFrom(String healthTrust, LocalDate firstTrustStartDate) {
    }

    /**
     * A reason given on a task: {@code field} is its variable
     * ({@code cancerRuledOutReason}, {@code planChangeReason}).
     */
    public record Reason(String field, String text) {
    }

    /**
     * Another pathway of the same patient, of any kind ({@code pathway}: "A32");
     * {@code earlier} when it started before this one.
     */
    public record OtherPathway(String referralId, LocalDate receivedDate, State state, boolean earlier,
            String pathway) {
    }

    /** A referral attached to this pathway. */
    public record AdditionalReferral(String referralId, LocalDate receivedDate, String hospital) {
    }

    public enum State {

        ACTIVE, COMPLETED, TERMINATED

    }

    public record Code(String code, LocalDate date) {
    }
}
