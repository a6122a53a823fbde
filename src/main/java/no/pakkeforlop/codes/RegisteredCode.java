package no.pakkeforlop.codes;

import java.time.LocalDate;

/** One registered pathway code, as stored. */
public record RegisteredCode(String referralId, String processInstanceId, String registrationKey, String code,
        LocalDate date, String hospital, String registeredBy) {
}
