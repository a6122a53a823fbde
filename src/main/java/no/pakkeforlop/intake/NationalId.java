package no.pakkeforlop.intake;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;

/**
 * Validation of Norwegian national identity numbers: fødselsnummer and D-nummer (11
 * digits, DDMMYYIIIKK).
 *
 * <p>
 * A number is accepted when
 * <ul>
 * <li>it consists of exactly 11 ASCII digits (nothing is trimmed or stripped),</li>
 * <li>the date part is a real calendar date; for a D-number the first digit is increased
 * by 4 (day 41-71), and the century (which decides 29 February) is derived from the
 * individual number,</li>
 * <li>it is not a synthetic test number or help number (month + 40 or + 80),</li>
 * <li>the check digits are valid under the classic mod-11 rule or under the rule for
 * numbers issued from 1 January 2032 (more than one valid first check digit).</li>
 * </ul>
 *
 * <p>
 * Error messages are Norwegian bokmål and meant to be shown to staff.
 */
public final class NationalId {

    public static final String MISSING = "Fødselsnummer mangler";

    public static final String WRONG_FORMAT = "Fødselsnummeret må bestå av 11 siffer";

    public static final String INVALID_DATE = "Fødselsnummeret inneholder en ugyldig dato";

    public static final String WRONG_CHECK_DIGIT = "Fødselsnummeret har feil kontrollsiffer";

    public static final String SYNTHETIC_TEST_NUMBER = "Fødselsnummeret er et syntetisk testnummer (måned + 80) og kan ikke brukes";

    public static final String SYNTHETIC_OR_HELP_NUMBER = "Fødselsnummeret er et syntetisk testnummer eller hjelpenummer (måned + 40) og kan ikke brukes";

    private static final int LENGTH = 11;

    private static final int[] K1_WEIGHTS = { 3, 7, 6, 1, 8, 9, 4, 5, 2 };

    private static final int[] K2_WEIGHTS = { 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 };

    /**
     * Highest accepted remainder of (weighted sum of digits 1-9 + k1) mod 11; before 2032
     * only 0 was used.
     */
    private static final int MAX_K1_REMAINDER = 3;

    private NationalId() {
    }

    /**
     * @return empty if {@code value} is a valid fødselsnummer or D-number, otherwise a
     * message for staff
     */
    public static Optional<String> problem(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of(MISSING);
        }
        if (value.length() != LENGTH || !isAsciiDigits(value)) {
            return Optional.of(WRONG_FORMAT);
        }
        int[] d = new int[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            d[i] = value.charAt(i) - '0';
        }
        int month = d[2] * 10 + d[3];
        if (month >= 81 && month <= 92) {
            return Optional.of(SYNTHETIC_TEST_NUMBER);
        }
        if (month >= 41 && month <= 52) {
            return Optional.of(SYNTHETIC_OR_HELP_NUMBER);
        }
        if (!hasValidDate(d, month)) {
            return Optional.of(INVALID_DATE);
        }
        if (!hasValidCheckDigits(d)) {
            return Optional.of(WRONG_CHECK_DIGIT);
        }
        return Optional.empty();
    }

    public static boolean isValid(String value) {
        return problem(value).isEmpty();
    }

    /**
     * @return true if {@code value} is a valid number (see {@link #isValid}) and a
     * D-number (first digit 4-7)
     */
    public static boolean isDNumber(String value) {
        return isValid(value) && value.charAt(0) >= '4' && value.charAt(0) <= '7';
    }

    /**
     * The birth date a valid number carries (a D-number's day less 40; the century from
     * the individual number), or empty for a number that is not valid.
     */
    public static Optional<LocalDate> birthDate(String value) {
        if (!isValid(value)) {
            return Optional.empty();
        }
        int[] d = value.chars().map(c -> c - '0').toArray();
        int day = (d[0] >= 4 ? d[0] - 4 : d[0]) * 10 + d[1];
        int month = d[2] * 10 + d[3];
        int year = birthYear(d[4] * 10 + d[5], d[6] * 100 + d[7] * 10 + d[8]);
        return Optional.of(LocalDate.of(year, month, day));
    }

    /**
     * Whether a valid number is a woman's: the last digit of the individual number is
     * even for women, odd for men (also in D-numbers). Empty for a number that is not
     * valid, and for one issued under the rule from 2032 (its first check digit not by
     * the classic rule), which no longer tells the sex.
     */
    public static Optional<Boolean> isFemale(String value) {
        if (!isValid(value)) {
            return Optional.empty();
        }
        int[] d = value.chars().map(c -> c - '0').toArray();
        if ((weightedSum(d, K1_WEIGHTS) + d[9]) % 11 != 0) {
            return Optional.empty();
        }
        return Optional.of(d[8] % 2 == 0);
    }

    private static boolean isAsciiDigits(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean hasValidDate(int[] d, int month) {
        int firstDayDigit = d[0];
        if (firstDayDigit >= 4 && firstDayDigit <= 7) {
            firstDayDigit -= 4; // D-number
        }
        int day = firstDayDigit * 10 + d[1];
        if (month < 1 || month > 12 || day < 1) {
            return false;
        }
        int yy = d[4] * 10 + d[5];
        int individual = d[6] * 100 + d[7] * 10 + d[8];
        return day <= YearMonth.of(birthYear(yy, individual), month).lengthOfMonth();
    }

    private static int birthYear(int yy, int individual) {
        if (individual <= 499) {
            return 1900 + yy;
        }
        if (individual <= 749 && yy >= 54) {
            return 1800 + yy;
        }
        if (yy <= 39) {
            return 2000 + yy;
        }
        if (individual >= 900) {
            return 1900 + yy;
        }
        // 500-749 with YY 40-53 and 750-899 with YY >= 40 were never issued under the old
        // series, but from 2032 the individual number no longer tells the century
        // (Skatteetaten). YY >= 40 here, so every candidate century gives the same leap
        // year answer.
        return 1900 + yy;
    }

    private static boolean hasValidCheckDigits(int[] d) {
        int sum1 = weightedSum(d, K1_WEIGHTS) + d[9];
        int sum2 = weightedSum(d, K2_WEIGHTS) + d[10];
        // https://skatteetaten.github.io/folkeregisteret-api-dokumentasjon/nytt-fodselsnummer-fra-2032/
        // : (k1 sum incl. k1) mod 11 in {0,1,2,3} (before 2032 only 0); k2 unchanged (mod
        // 11 = 0).
        return sum1 % 11 <= MAX_K1_REMAINDER && sum2 % 11 == 0;
    }

    private static int weightedSum(int[] digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += digits[i] * weights[i];
        }
        return sum;
    }

}
