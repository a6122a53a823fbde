package no.pakkeforlop.logging;

import java.util.regex.Pattern;

/**
 * Takes national ids (fødselsnummer, D-number: eleven digits, also written 6+5) and
 * variable values out of log text. The engine's and the database's exception texts can
 * embed the values of a row or a variable (an H2 key violation lists the key, the engine
 * prints a variable as {@code VariableInstanceEntity[..., textValue=...]}); whatever logs
 * them, the log shows {@code ***********} instead. Names elsewhere in free text are not
 * recognised: the application itself never logs a variable's value.
 */
public final class PatientDataMask {

    static final Pattern NATIONAL_ID = Pattern.compile("(?<![0-9])[0-9]{6}[ .-]?[0-9]{5}(?![0-9])");

    /**
     * A variable's value as the engine prints its entities in exception texts
     * ({@code textValue=Kari Nordmann, }).
     */
    static final Pattern VARIABLE_VALUE = Pattern.compile("\\b(textValue2?|text2?|longValue|doubleValue)=[^,\\]]*");

    public static final String MASK = "***********";

    private PatientDataMask() {
    }

    public static String mask(String text) {
        if (text == null || text.length() < 11) {
            return text;
        }
        String masked = NATIONAL_ID.matcher(text).replaceAll(MASK);
        return masked.contains("=") ? VARIABLE_VALUE.matcher(masked).replaceAll("$1=" + MASK) : masked;
    }

}
