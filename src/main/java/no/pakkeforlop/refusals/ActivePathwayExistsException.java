package no.pakkeforlop.refusals;

/**
 * A referral for a patient whose pathway is still running (no final code): one active
 * pathway per patient, so no second A32A. Names the running pathway's referral id. It is
 * refused input where the start is made (Tasklist and engine REST show its message); the
 * application's API and engine REST answer it 409 (api.Refusals, api.RefusalRestMapping).
 */
public class ActivePathwayExistsException extends InputRefusedException {

    private final String activeReferralId;

    public ActivePathwayExistsException(String field, String message, String activeReferralId) {
        super(field, message);
        this.activeReferralId = activeReferralId;
    }

    public String activeReferralId() {
        return activeReferralId;
    }

}
