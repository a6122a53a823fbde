package no.pakkeforlop.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The Camunda Forms in the top-level folder {@code forms/}, as the tests read them. */
public final class FormFiles {

    /** The folder the application deploys forms from. */
    public static final Path FORMS = Path.of("forms");

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
