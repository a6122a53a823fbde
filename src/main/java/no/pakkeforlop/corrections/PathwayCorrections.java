package no.pakkeforlop.corrections;

import no.pakkeforlop.pathways.PathwayStatus;
import no.pakkeforlop.pathways.Pathways;
import org.springframework.stereotype.Service;

/**
 * A correction of a pathway found by its referral, as {@code /api} and the Tasklist
 * plugin both take it: an unknown pathway, or one the user may not read, is the status
 * view's 404 before anything is corrected; the answer is the pathway as it now stands.
 */
@Service
public class PathwayCorrections {

    private final Pathways pathways;

    private final CodeCorrections corrections;

    public PathwayCorrections(Pathways pathways, CodeCorrections corrections) {
        this.pathways = pathways;
        this.corrections = corrections;
    }

    public PathwayStatus correct(String referralId, CodeCorrections.Request request, String userId) {
        pathways.status(referralId);
        corrections.correct(pathways.referral(referralId).processInstanceId(), request, userId);
        return pathways.status(referralId);
    }

}
