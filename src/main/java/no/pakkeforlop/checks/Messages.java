package no.pakkeforlop.checks;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * How refusals quote what was sent: short, so a message stays readable whatever was typed
 * or sent.
 */
public final class Messages {

    static final int QUOTED_MAX = 40;

    private Messages() {
    }

    /** The value as text, cut after 40 characters. */
    public static String shorten(Object value) {
        String text = String.valueOf(value);
        return text.length() > QUOTED_MAX ? text.substring(0, QUOTED_MAX) + "…" : text;
    }

    /** A value list as messages name it: sorted, comma-separated. */
    public static String values(Collection<String> values) {
        return values.stream().sorted().collect(Collectors.joining(", "));
    }

}
