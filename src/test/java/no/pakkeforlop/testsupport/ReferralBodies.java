package no.pakkeforlop.testsupport;

import static no.pakkeforlop.testsupport.TestData.NATIONAL_ID;
import static no.pakkeforlop.testsupport.TestData.PATIENT_NAME;
import static no.pakkeforlop.testsupport.TestData.REFERRER_NAME;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A valid body for {@code POST /api/referrals} (contract.md), for tests that drive the
 * running application.
 */
public final class ReferralBodies {

    private ReferralBodies() {
    }

    public static Map<String, Object> referral(String referralId, LocalDate received, String hospital) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("referralId", referralId);
        body.put("patient", Map.of("nationalId", TestData.nationalIdFor(referralId), "name", PATIENT_NAME));
        body.put("receivedDate", received.toString());
        body.put("startBasis", "MARKED_REFERRAL");
        body.put("suspicionCriteria", List.of("DYSPHAGIA_OVER_2_WEEKS"));
        body.put("medications", "Ingen faste");
        body.put("comorbidity", "Hypertensjon");
        body.put("frailty", Map.of("scale", "CFS", "score", 3));
        body.put("referrer", Map.of("type", "GP", "name", REFERRER_NAME));
        body.put("hospital", hospital);
        return body;
    }

}
