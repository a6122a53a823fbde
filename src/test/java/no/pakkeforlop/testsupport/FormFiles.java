package no.pakkeforlop.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Camunda Forms of the oesophageal and gastric cancer pathway
 * ({@code forms/a32-spiseror-magesekk/}), as the tests read them.
 */
public final class FormFiles {

    /** The pathway's folder, under processes/ and forms/. */
    public static final String A32_FOLDER = "a32-spiseror-magesekk";

    /** The folder the application deploys the pathway's forms from. */
    public static final Path FORMS = Path.of("forms", A32_FOLDER);

    /**
     * The file name of a form: its id without the pathway's prefix
     * ({@code a32-registerFirstAttendance}: {@code registerFirstAttendance.form}).
     */
    public static String fileName(String formId) {
        int dash = formId.indexOf('-');
        return (dash < 0 ? formId : formId.substring(dash + 1)) + ".form";
    }

    private FormFiles() {
    }

    /** Every component of a form or group, depth first, nested ones included. */
    public static List<JsonNode> components(JsonNode container) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode component : container.path("components")) {
            all.add(component);
            all.addAll(components(component));
        }
        return all;
    }

}
