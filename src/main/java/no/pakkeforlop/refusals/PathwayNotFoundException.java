package no.pakkeforlop.refusals;

/**
 * No pathway for the referral asked about, or none the signed-in user may read (the web
 * edge answers 404).
 */
public class PathwayNotFoundException extends RuntimeException {

    public PathwayNotFoundException(String message) {
        super(message);
    }

}
