package no.pakkeforlop.rules;

import java.util.Arrays;
import java.util.Optional;

/** The frailty assessments a referral may carry, each with the range of its score. */
public enum FrailtyScale {

    /** Clinical Frailty Scale: 1 (very fit) to 9 (terminally ill). */
    CFS("Clinical Frailty Scale", 1, 9),
    /** ECOG performance status: 0 (fully active) to 4 (completely disabled). */
    ECOG("ECOG funksjonsstatus", 0, 4),
    /** G8 geriatric screening: 0 to 17; 14 or less suggests frailty. */
    G8("G8 geriatrisk screening", 0, 17);

    private final String label;

    private final int min;

    private final int max;

    FrailtyScale(String label, int min, int max) {
        this.label = label;
        this.min = min;
        this.max = max;
    }

    public String label() {
        return label;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    public static Optional<FrailtyScale> of(Object value) {
        return Arrays.stream(values()).filter(s -> s.name().equals(value)).findFirst();
    }

}
