package no.pakkeforlop.logging;

import java.util.regex.Pattern;

/**
 * Takes national ids (fødselsnummer, D-number: eleven digits, also written 6+5) out of log text. The engine's and
 * the database's exception texts can embed the values of a row or a variable (an H2 key violation lists the row);
 * whatever logs them, the log shows {@code ***********} instead.
 */
public final class PatientDataMask {

  static final Pattern NATIONAL_ID = Pattern.compile("(?<![0-9])[0-9]{6}[ .-]?[0-9]{5}(?![0-9])");
  public static final String MASK = "***********";

  private PatientDataMask() {
  }

  public static String mask(String text) {
    if (text == null || text.length() < 11) {
      return text;
    }
    return NATIONAL_ID.matcher(text).replaceAll(MASK);
  }
}
