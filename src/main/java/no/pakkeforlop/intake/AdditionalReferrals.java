package no.pakkeforlop.intake;

import no.pakkeforlop.security.ApplicationCall;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Tells a running pathway that another referral came for its patient: the message starts
 * the pathway's event subprocess «Tilleggshenvisning», whose task
 * {@code reviewAdditionalReferral} asks the coordinator to read it. Sent by the
 * application itself (the referral system that sent the referral may not change
 * pathways), inside the caller's transaction.
 */
@Component
public class AdditionalReferrals {

    static final String MESSAGE = "additionalReferralReceived";

    private final RuntimeService runtime;

    private final IdentityService identity;

    private final ReferralRegistry referrals;

    public AdditionalReferrals(RuntimeService runtime, IdentityService identity, ReferralRegistry referrals) {
        this.runtime = runtime;
        this.identity = identity;
        this.referrals = referrals;
    }

    public void notifyRunningPathway(Referral referral, String activeReferralId) {
        String processInstanceId = referrals.find(activeReferralId).orElseThrow().processInstanceId();
        Authentication caller = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            ApplicationCall.run(() -> runtime.createMessageCorrelation(MESSAGE)
                .processInstanceId(processInstanceId)
                .setVariablesLocal(Variables.createVariables()
                    .putValue("additionalReferralId", referral.referralId())
                    .putValue("additionalReferralReceivedDate", referral.receivedDate().toString())
                    .putValue("additionalReferralHospital", referral.hospital()))
                // a pathway whose care has ended meanwhile has no subscription:
                // the row is the record then
                .correlateAllWithResult());
        }
        finally {
            if (caller != null) {
                identity.setAuthentication(caller);
            }
        }
    }

}
