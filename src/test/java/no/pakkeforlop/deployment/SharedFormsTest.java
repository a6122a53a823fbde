package no.pakkeforlop.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import no.pakkeforlop.rules.PathwayData;
import no.pakkeforlop.testsupport.FormFiles;
import org.junit.jupiter.api.Test;

/**
 * A shared form is made a pathway's own when the pathway is deployed: its codes and words
 * filled in as JSON text, and a form that would not be the task's is refused, naming what
 * is wrong.
 */
class SharedFormsTest {

    private static final Map<String, String> A12 = Map.of("code", "A12", "cancerFound",
            "Kreft i tykk- eller endetarm er bekreftet");

    private static String render(String form, Map<String, String> placeholders) {
        return new String(
                SharedForms.render(form.getBytes(StandardCharsets.UTF_8), placeholders,
                        "forms/shared/pathwayAdministration.form", "pathwayAdministration", "A12"),
                StandardCharsets.UTF_8);
    }

    @Test
    void theCodesAndTheWordsAreThePathwaysAndAQuoteInThemCannotBreakTheForm() throws Exception {
        String form = """
                {"id": "pakkeforlop-pathwayAdministration", "components": [
                  {"type": "text", "text": "${cancerFound}: avslutt med ${code}X"}]}""";

        assertThat(render(form, A12)).contains("Kreft i tykk- eller endetarm er bekreftet: avslutt med A12X");

        String quoted = render(form, Map.of("code", "A12", "cancerFound", "Kreft \"påvist\"\\"));
        assertThat(new ObjectMapper().readTree(quoted).at("/components/0/text").asText())
            .isEqualTo("Kreft \"påvist\"\\: avslutt med A12X");
    }

    @Test
    void aPlaceholderThePathwayDoesNotFillStopsTheDeploymentNamingIt() {
        String form = """
                {"id": "pakkeforlop-pathwayAdministration", "components": [
                  {"type": "text", "text": "${organ} ${code}X"}]}""";

        assertThatThrownBy(() -> render(form, A12)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("forms/shared/pathwayAdministration.form")
            .hasMessageContaining("[organ]")
            .hasMessageContaining("A12")
            .hasMessageContaining("formTexts");
    }

    @Test
    void aSharedFormWhoseIdIsNotTheTasksIsRefused() {
        assertThatThrownBy(() -> render("{\"id\": \"a12-pathwayAdministration\"}", A12))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("a shared form's id is pakkeforlop-pathwayAdministration");
        assertThatThrownBy(() -> render("{\"id\": \"pakkeforlop-pathwayAdministration\",", A12))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("is no JSON");
    }

    @Test
    void formTextsMayNotTakeTheCodeFromTheRulesTable() {
        PathwayData data = PathwayData.read(new java.io.ByteArrayInputStream("""
                {"dateOrder": [], "formTexts": {"code": "B01"}}""".getBytes(StandardCharsets.UTF_8)), "test.json");

        assertThatThrownBy(() -> SharedForms.placeholders(FormFiles.rulesOf(FormFiles.A32_FOLDER), data))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("formTexts may not name code");
    }

    @Test
    void everyPathwayFillsEveryPlaceholderOfTheSharedFormsItUses() {
        for (PathwayFolders.Folder folder : PathwayFolders.onClasspath()) {
            assertThat(folder.resources().keySet()).as(folder.name())
                .anyMatch(name -> name.startsWith("forms/shared/"));
        }
    }

}
