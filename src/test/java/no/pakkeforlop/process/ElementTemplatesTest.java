package no.pakkeforlop.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import no.pakkeforlop.deployment.PathwayFolders;
import no.pakkeforlop.rules.PathwayRules.IntervalRule;
import no.pakkeforlop.rules.PathwayRules;
import org.junit.jupiter.api.Test;

/**
 * The Camunda Modeler element templates in {@code .camunda/element-templates/} (Modeler
 * finds them walking up from {@code processes/}) offer exactly the events and intervals
 * of the rules table, so a modeller picks a code registration or a breach from a dropdown
 * and cannot pick one the application does not know.
 */
class ElementTemplatesTest {

    static final PathwayRules RULES = PathwayRules.load();

    @Test
    void registerCodeOffersEveryEventOfTheRulesTable() throws IOException {
        JsonNode template = template("no.pakkeforlop.registerCode");
        assertThat(template.path("name").asText()).isEqualTo("Registrer A32-kode");
        assertThat(arguments(template, "${registerCode.forEvent('%s')}"))
            .containsExactlyInAnyOrderElementsOf(RULES.events().keySet());
    }

    @Test
    void recordBreachOffersEveryIntervalOfTheRulesTable() throws IOException {
        JsonNode template = template("no.pakkeforlop.recordBreach");
        assertThat(template.path("name").asText()).isEqualTo("Registrer fristbrudd");
        assertThat(arguments(template, "${recordBreach.forInterval('%s')}"))
            .containsExactlyInAnyOrderElementsOf(RULES.intervals().stream().map(IntervalRule::name).toList());
    }

    /**
     * The templates are shared by every pathway's model: each pathway's events and
     * intervals are among their choices.
     */
    @Test
    void everyPathwaysEventsAndIntervalsAreChoicesOfTheTemplates() throws IOException {
        List<String> events = arguments(template("no.pakkeforlop.registerCode"), "${registerCode.forEvent('%s')}");
        List<String> intervals = arguments(template("no.pakkeforlop.recordBreach"),
                "${recordBreach.forInterval('%s')}");
        List<PathwayFolders.Folder> folders = PathwayFolders.onClasspath();
        assertThat(folders).hasSizeGreaterThan(1);
        for (PathwayFolders.Folder folder : folders) {
            assertThat(events).as(folder.name() + ": events").containsAll(folder.rules().events().keySet());
            assertThat(intervals).as(folder.name() + ": intervals")
                .containsAll(folder.rules().intervals().stream().map(IntervalRule::name).toList());
        }
    }

    /**
     * Every template file is a Camunda 7 template list: id, version, service tasks, one
     * delegate-expression dropdown.
     */
    @Test
    void everyTemplateIsACamunda7ServiceTaskTemplateWithOneDropdown() throws IOException {
        List<JsonNode> templates = templates();
        assertThat(templates).extracting(t -> t.path("id").asText())
            .doesNotHaveDuplicates()
            .contains("no.pakkeforlop.registerCode", "no.pakkeforlop.recordBreach");
        for (JsonNode template : templates) {
            String id = template.path("id").asText();
            assertThat(template.path("$schema").asText()).as(id)
                .isEqualTo("https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json");
            assertThat(template.path("version").isInt()).as(id + " version").isTrue();
            assertThat(template.path("appliesTo").toString()).as(id + " appliesTo").isEqualTo("[\"bpmn:ServiceTask\"]");
            assertThat(template.path("properties")).as(id + " properties").hasSize(1);
            JsonNode dropdown = template.path("properties").get(0);
            assertThat(dropdown.path("type").asText()).isEqualTo("Dropdown");
            assertThat(dropdown.path("binding").path("type").asText()).isEqualTo("property");
            assertThat(dropdown.path("binding").path("name").asText()).isEqualTo("camunda:delegateExpression");
            assertThat(dropdown.path("label").asText()).as(id + " label").isNotBlank();
            List<String> values = new ArrayList<>();
            dropdown.path("choices").forEach(choice -> {
                assertThat(choice.path("name").asText()).as("Norwegian name of " + choice).isNotBlank();
                values.add(choice.path("value").asText());
            });
            assertThat(values).as(id + " choices").isNotEmpty().doesNotHaveDuplicates();
            assertThat(values).as(id + " default value is a choice").contains(dropdown.path("value").asText());
        }
    }

    /**
     * The argument of each choice, checking that every choice has the form
     * {@code expression}.
     */
    private static List<String> arguments(JsonNode template, String expression) {
        List<String> arguments = new ArrayList<>();
        String[] around = expression.split("%s");
        for (JsonNode choice : template.path("properties").get(0).path("choices")) {
            String value = choice.path("value").asText();
            assertThat(value).as("choice").startsWith(around[0]).endsWith(around[1]);
            arguments.add(value.substring(around[0].length(), value.length() - around[1].length()));
        }
        assertThat(arguments).doesNotHaveDuplicates();
        return arguments;
    }

    private static JsonNode template(String id) throws IOException {
        return templates().stream()
            .filter(t -> id.equals(t.path("id").asText()))
            .findFirst()
            .orElseThrow(() -> new AssertionError(
                    "no element template " + id + " in " + ModelConventions.ELEMENT_TEMPLATES));
    }

    private static List<JsonNode> templates() throws IOException {
        List<JsonNode> templates = new ArrayList<>();
        try (Stream<Path> files = Files.list(ModelConventions.ELEMENT_TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                ModelConventions.readJson(file).forEach(templates::add);
            }
        }
        return templates;
    }

}
