package no.pakkeforlop.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NationalIdTest {

    private static final int[] K1_WEIGHTS = { 3, 7, 6, 1, 8, 9, 4, 5, 2 };

    private static final int[] K2_WEIGHTS = { 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 };

    @ParameterizedTest
    @ValueSource(strings = { "31129956715", // 31.12.1899 (individual 567, YY >= 54)
            "01010012356", // 01.01.1900
            "31038512369", // 31.03.1985
            "02013299997", // Skatteetaten 2032 page example, classic check digits
                           // (02.01.2032)
            "30108299920", // Skatteetaten 2032 page example, classic check digits
            "29029600013", // 29.02.1996, leap year
            "29028845640", // 29.02.1988, leap year
            "29020050088", // 29.02.2000 (individual 500, YY <= 39), leap year
            "29024098751", // 29.02.1940 (individual 987, YY >= 40), leap year
            "01015050760", // individual 507 with YY 50: unused before 2032, century open
                           // from 2032
    })
    void acceptsValidFoedselsnummer(String value) {
        assertThat(NationalId.problem(value)).isEmpty();
        assertThat(NationalId.isValid(value)).isTrue();
        assertThat(NationalId.isDNumber(value)).isFalse();
        assertThat(passesClassicRule(value)).as("classic mod-11 rule").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "71129956709", // 31129956715 with first digit + 4, check
                                            // digits recomputed
            "71038512352", // 31038512369 with first digit + 4
            "45037812300", // 05.03.1978
            "71010012362", // 31.01.1900
            "69028845634", // 29.02.1988
    })
    void acceptsValidDNumbers(String value) {
        assertThat(NationalId.problem(value)).isEmpty();
        assertThat(NationalId.isValid(value)).isTrue();
        assertThat(NationalId.isDNumber(value)).isTrue();
        assertThat(passesClassicRule(value)).as("classic mod-11 rule").isTrue();
    }

    /**
     * The birth date and the sex a number carries (the age and sex the talk before
     * treatment needs for fertility, issue 30).
     */
    @ParameterizedTest
    @CsvSource({ "45037812300, 1978-03-05, false", // D-number, individual 123: odd, a man
            "71010012362, 1900-01-31, false", // D-number, 1900
            "69028845634, 1988-02-29, true", // individual 456: even, a woman
            "02013299903, 2032-01-02, ", // the 2032 rule: no sex in the number
    })
    void aValidNumberTellsTheBirthDateAndUntil2032TheSex(String value, String born, Boolean female) {
        assertThat(NationalId.birthDate(value)).contains(java.time.LocalDate.parse(born));
        assertThat(NationalId.isFemale(value)).isEqualTo(java.util.Optional.ofNullable(female));
    }

    @Test
    void anInvalidNumberTellsNeither() {
        assertThat(NationalId.birthDate("31129956716")).isEmpty();
        assertThat(NationalId.isFemale("31129956716")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            // value, (weighted sum incl. k1) mod 11
            "02013299903, 2", // Skatteetaten 2032 page example
            "30108299939, 1", // Skatteetaten 2032 page example
            "31129956723, 1", // 31129956715 with k1 + 1
            "31129956731, 2", // 31129956715 with k1 + 2
            "31038512393, 3", // 31038512369 with k1 + 3
            "01128512302, 1", // classic k1 would be 10 for 011285123 (01.12.1985)
            "01128512329, 3", // classic k1 would be 10 for 011285123
            "30040012318, 1", // classic k1 = 0 for 300400123 would give classic k2 = 10
            "41010012358, 1", // D-number; classic k2 would be 10 for 410100123 + classic
                              // k1
            "71038512387, 3", // D-number
    })
    void acceptsNumbersValidOnlyUnderThe2032Rule(String value, int k1Remainder) {
        assertThat(passesClassicRule(value)).as("classic mod-11 rule").isFalse();
        assertThat((weightedSum(value, K1_WEIGHTS, 9) + digit(value, 9)) % 11).as("k1 remainder")
            .isEqualTo(k1Remainder);
        assertThat(NationalId.problem(value)).isEmpty();
        assertThat(NationalId.isValid(value)).isTrue();
        assertThat(NationalId.isDNumber(value)).isEqualTo(value.charAt(0) >= '4');
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsMissingValue(String value) {
        assertThat(NationalId.problem(value)).contains(NationalId.MISSING);
        assertThat(NationalId.isValid(value)).isFalse();
        assertThat(NationalId.isDNumber(value)).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {0}: \"{1}\"")
    @MethodSource("invalidNumbers")
    void rejectsInvalidNumbers(String description, String value, String expectedProblem) {
        assertThat(NationalId.problem(value)).contains(expectedProblem);
        assertThat(NationalId.isValid(value)).isFalse();
        assertThat(NationalId.isDNumber(value)).isFalse();
    }

    static Stream<Arguments> invalidNumbers() {
        return Stream.of(arguments("10 digits", "3112995671", NationalId.WRONG_FORMAT),
                arguments("12 digits", "311299567150", NationalId.WRONG_FORMAT),
                arguments("1 digit", "3", NationalId.WRONG_FORMAT),
                arguments("only spaces", "           ", NationalId.WRONG_FORMAT),
                arguments("letter", "3112995671A", NationalId.WRONG_FORMAT),
                arguments("letters only", "abcdefghijk", NationalId.WRONG_FORMAT),
                arguments("space inside", "311299 56715", NationalId.WRONG_FORMAT),
                arguments("space inside, 11 chars", "311299 5671", NationalId.WRONG_FORMAT),
                arguments("leading space", " 31129956715", NationalId.WRONG_FORMAT),
                arguments("trailing space", "31129956715 ", NationalId.WRONG_FORMAT),
                arguments("trailing newline", "31129956715\n", NationalId.WRONG_FORMAT),
                arguments("hyphen", "311299-56715", NationalId.WRONG_FORMAT),
                arguments("non-ASCII digits", "٣١١٢٩٩٥٦٧١٥", NationalId.WRONG_FORMAT),
                arguments("full-width digits", "３１１２９９５６７１５", NationalId.WRONG_FORMAT),
                arguments("sign", "+1129956715", NationalId.WRONG_FORMAT),

                arguments("wrong k2", "31129956714", NationalId.WRONG_CHECK_DIGIT),
                arguments("wrong k2", "31129956716", NationalId.WRONG_CHECK_DIGIT),
                arguments("wrong k2", "01010012357", NationalId.WRONG_CHECK_DIGIT),
                arguments("wrong k2, D-number", "71129956708", NationalId.WRONG_CHECK_DIGIT),
                arguments("wrong k1 (typo), k2 kept", "31129956705", NationalId.WRONG_CHECK_DIGIT),
                arguments("wrong k1, k2 recomputed, remainder 4", "31129956758", NationalId.WRONG_CHECK_DIGIT),
                arguments("wrong k1, k2 recomputed, remainder 8", "31129956790", NationalId.WRONG_CHECK_DIGIT),
                arguments("wrong k1, k2 recomputed, remainder 10", "31129956707", NationalId.WRONG_CHECK_DIGIT),
                arguments("wrong k1, D-number, remainder 5", "45037812343", NationalId.WRONG_CHECK_DIGIT),
                arguments("swapped digits", "13129956715", NationalId.WRONG_CHECK_DIGIT),
                arguments("all ones", "11111111111", NationalId.WRONG_CHECK_DIGIT),

                arguments("31 April", "31040012349", NationalId.INVALID_DATE),
                arguments("31 June", "31060012329", NationalId.INVALID_DATE),
                arguments("31 November", "31110012317", NationalId.INVALID_DATE),
                arguments("29 February 1900 (not a leap year)", "29020012380", NationalId.INVALID_DATE),
                arguments("29 February 1997", "29029712350", NationalId.INVALID_DATE),
                arguments("day 32", "32018512318", NationalId.INVALID_DATE),
                arguments("day 00", "00018512327", NationalId.INVALID_DATE),
                arguments("month 13", "01138512394", NationalId.INVALID_DATE),
                arguments("month 00", "01008512376", NationalId.INVALID_DATE),
                arguments("month 93 (13 + 80)", "01930112360", NationalId.INVALID_DATE),
                arguments("D-number day 72 (32)", "72018512301", NationalId.INVALID_DATE),
                arguments("D-number day 40 (00)", "40018512310", NationalId.INVALID_DATE),
                arguments("first digit 8", "81018512343", NationalId.INVALID_DATE),
                arguments("all zeros", "00000000000", NationalId.INVALID_DATE),

                arguments("synthetic month + 80", "31929956780", NationalId.SYNTHETIC_TEST_NUMBER),
                arguments("synthetic month + 80", "31928156705", NationalId.SYNTHETIC_TEST_NUMBER),
                arguments("synthetic month + 80, Test-Norge style", "12812199631", NationalId.SYNTHETIC_TEST_NUMBER),
                arguments("synthetic month + 80, Test-Norge style", "10884399853", NationalId.SYNTHETIC_TEST_NUMBER),
                arguments("synthetic month + 80, D-number", "71929956774", NationalId.SYNTHETIC_TEST_NUMBER),
                arguments("synthetic month + 40 / H-number", "01520112398", NationalId.SYNTHETIC_OR_HELP_NUMBER));
    }

    @ParameterizedTest
    @CsvSource({ "29020050088, true", // 29.02.2000: individual 500-999 with YY <= 39 ->
                                      // 2000, a leap year
            "29020012380, false", // 29.02.1900: individual 000-499 -> 1900, not a leap
                                  // year
            "29029600013, true", // 29.02.1996
            "29029712350, false", // 29.02.1997
            "69028845634, true", // D-number, 29.02.1988
            "29024098751, true", // 29.02.1940 (individual 900-999, YY >= 40)
    })
    void leapDayDependsOnCentury(String value, boolean valid) {
        assertThat(passesClassicRule(value)).isTrue();
        assertThat(NationalId.isValid(value)).isEqualTo(valid);
        if (!valid) {
            assertThat(NationalId.problem(value)).contains(NationalId.INVALID_DATE);
        }
    }

    /**
     * 011285123: classic k1 = 11 - (sum mod 11) = 10, so the classic rule rejects every
     * number with this start; the 2032 rule accepts only k1 0, 1 and 2 (see above). These
     * have k1 3-9 with k2 recomputed, so only k1 is wrong.
     */
    @ParameterizedTest
    @ValueSource(strings = { "01128512337", "01128512345", "01128512353", "01128512361", "01128512388", "01128512396" })
    void rejectsK1ThatComputesTo10WhenAlsoInvalidUnder2032Rule(String value) {
        assertThat(classicCheckDigit(value, K1_WEIGHTS, 9)).isEqualTo(10);
        assertThat(NationalId.problem(value)).contains(NationalId.WRONG_CHECK_DIGIT);
    }

    /**
     * 3112995674: k1 = 4 is 2032-valid for 311299567, but then k2 = 11 - (sum mod 11) =
     * 10, so every k2 fails.
     */
    @ParameterizedTest
    @MethodSource("k2ComputesTo10")
    void rejectsK2ThatComputesTo10(String value) {
        assertThat(classicCheckDigit(value, K2_WEIGHTS, 10)).isEqualTo(10);
        assertThat(NationalId.problem(value)).contains(NationalId.WRONG_CHECK_DIGIT);
    }

    static Stream<String> k2ComputesTo10() {
        return Stream.concat(IntStream.rangeClosed(0, 9).mapToObj(k2 -> "3112995674" + k2),
                IntStream.rangeClosed(0, 9).mapToObj(k2 -> "4101001234" + k2)); // D-number,
                                                                                // classic
                                                                                // k1 = 4
    }

    /**
     * For every combination of check digits on a few starts, the accepted k1 digits must
     * match the formula written on Skatteetaten's page: k1 = {11, 12, 13, 14} - (sum mod
     * 11), minus 11 once more when above 11 (so 11 -> 0), 10 discarded; and k2 must be
     * the single classic value.
     */
    @ParameterizedTest
    @ValueSource(strings = { "311299567", "011285123", "300400123", "410100123", "020132999", "301082999", "450378123",
            "010100123" })
    void acceptedCheckDigitsMatchThePublished2032Formula(String firstNine) {
        int rest = weightedSum(firstNine, K1_WEIGHTS, 9) % 11;
        Set<String> expected = new TreeSet<>();
        for (int candidate = 11; candidate <= 14; candidate++) {
            int k1 = candidate - rest;
            if (k1 >= 11) {
                k1 -= 11;
            }
            if (k1 == 10) {
                continue;
            }
            int k2 = classicCheckDigit(firstNine + k1 + "0", K2_WEIGHTS, 10);
            if (k2 != 10) {
                expected.add(firstNine + k1 + k2);
            }
        }
        Set<String> accepted = new TreeSet<>();
        for (int checkDigits = 0; checkDigits < 100; checkDigits++) {
            String value = firstNine + String.format("%02d", checkDigits);
            if (NationalId.isValid(value)) {
                accepted.add(value);
            }
        }
        assertThat(accepted).isEqualTo(expected);
    }

    @Test
    void acceptsEveryNumberWithClassicCheckDigitsOnRealDates() {
        int accepted = 0;
        for (String date : new String[] { "010100", "311299", "150685", "290296", "280221", "010139", "311240" }) {
            for (int individual = 0; individual < 1000; individual += 7) {
                String firstNine = date + String.format("%03d", individual);
                int k1 = classicCheckDigit(firstNine + "0", K1_WEIGHTS, 9);
                if (k1 == 10) {
                    continue;
                }
                int k2 = classicCheckDigit(firstNine + k1 + "0", K2_WEIGHTS, 10);
                if (k2 == 10) {
                    continue;
                }
                String value = firstNine + k1 + k2;
                assertThat(NationalId.problem(value)).as(value).isEmpty();
                String dNumber = (char) (value.charAt(0) + 4) + value.substring(1, 9);
                int dK1 = classicCheckDigit(dNumber + "0", K1_WEIGHTS, 9);
                int dK2 = dK1 == 10 ? 10 : classicCheckDigit(dNumber + dK1 + "0", K2_WEIGHTS, 10);
                if (dK2 != 10) {
                    assertThat(NationalId.isDNumber(dNumber + dK1 + dK2)).as(dNumber + dK1 + dK2).isTrue();
                }
                accepted++;
            }
        }
        assertThat(accepted).isGreaterThan(500);
    }

    // Independent implementation of the classic rule: k = 11 - (weighted sum mod 11), 11
    // -> 0, 10 -> invalid.
    private static boolean passesClassicRule(String value) {
        return classicCheckDigit(value, K1_WEIGHTS, 9) == digit(value, 9)
                && classicCheckDigit(value, K2_WEIGHTS, 10) == digit(value, 10);
    }

    private static int classicCheckDigit(String value, int[] weights, int count) {
        int k = 11 - weightedSum(value, weights, count) % 11;
        return k == 11 ? 0 : k;
    }

    private static int weightedSum(String value, int[] weights, int count) {
        int sum = 0;
        for (int i = 0; i < count; i++) {
            sum += digit(value, i) * weights[i];
        }
        return sum;
    }

    private static int digit(String value, int index) {
        return value.charAt(index) - '0';
    }

}
