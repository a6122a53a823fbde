package no.pakkeforlop.codes;

import java.time.LocalDate;

/**
 * One registered pathway code, as stored; {@code pathway} is the pathway it belongs to
 * ("A32"): the pathway of the rules that registered it.
 */
public record RegisteredCode(String referralId, String processInstanceId, String registrationKey, String code,
        LocalDate date, String hospital, String registeredBy, String pathway) {
}
