package no.pakkeforlop.logging;

/**
 * Text from outside (a user id, a name, an address) as one log line: control characters
 * such as line breaks are written as escapes ({@code \n}, {@code \u0007}), so that nobody
 * can forge a log line by sending one.
 */
public final class LogText {

    private LogText() {
    }

    public static String safe(Object value) {
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value);
        StringBuilder safe = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085';
            if (control && safe == null) {
                safe = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (safe != null) {
                if (!control) {
                    safe.append(c);
                }
                else if (c == '\n') {
                    safe.append("\\n");
                }
                else if (c == '\r') {
                    safe.append("\\r");
                }
                else if (c == '\t') {
                    safe.append("\\t");
                }
                else {
                    safe.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        return safe == null ? text : safe.toString();
    }

}
