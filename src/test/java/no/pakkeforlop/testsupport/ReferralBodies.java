package no.pakkeforlop.testsupport;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A valid body for {@code POST /api/referrals} (contract.md), for tests that drive the running application. */
public final class ReferralBodies {

  private ReferralBodies() {
  }

  public static Map<String, Object> referral(String referralId, LocalDate received, String hospital) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("referralId", referralId);
    body.put("patient", Map.of("nationalId", "31129956715", "name", "Kari Nordmann"));
    body.put("receivedDate", received.toString());
    body.put("startBasis", "MARKED_REFERRAL");
    body.put("suspicionCriteria", List.of("DYSPHAGIA_OVER_2_WEEKS"));
    body.put("medications", "Ingen faste");
    body.put("comorbidity", "Hypertensjon");
    body.put("frailty", Map.of("scale", "CFS", "score", 3));
    body.put("referrer", Map.of("type", "GP", "name", "Fastlege Ola Hansen"));
    body.put("hospital", hospital);
    return body;
  }
}
