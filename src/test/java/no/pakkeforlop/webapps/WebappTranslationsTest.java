package no.pakkeforlop.webapps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Camunda's web applications in Norwegian bokmål, checked against the Camunda version on
 * the classpath: every key of the webjar's English locale file has a Norwegian text in
 * ours, and our config.js is Camunda's default with our settings added (so a Camunda
 * upgrade that adds texts or changes the default config fails here, not in front of
 * staff). The files:
 * src/main/resources/META-INF/resources/webjars/camunda/app/&lt;app&gt;/.
 */
class WebappTranslationsTest {

    static final String APP = "META-INF/resources/webjars/camunda/app/";
    static final ObjectMapper JSON = new ObjectMapper();

    /** The webjar's file (Camunda's), not ours: the one in a jar. */
    static String camundas(String path) throws IOException {
        var resources = WebappTranslationsTest.class.getClassLoader().getResources(APP + path);
        while (resources.hasMoreElements()) {
            URL url = resources.nextElement();
            if ("jar".equals(url.getProtocol()) && url.getPath().contains("camunda-webapp-webjar")) {
                try (InputStream in = url.openStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("Camunda's " + path + " is not on the classpath");
    }

    /** Ours, from this project's resources. */
    static String ours(String path) throws IOException {
        var resources = WebappTranslationsTest.class.getClassLoader().getResources(APP + path);
        while (resources.hasMoreElements()) {
            URL url = resources.nextElement();
            if (!"jar".equals(url.getProtocol())) {
                try (InputStream in = url.openStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("src/main/resources/" + APP + path + " is missing");
    }

    static Map<String, String> texts(String json) throws IOException {
        Map<String, String> texts = new TreeMap<>();
        flatten("", JSON.readTree(json.replace("\uFEFF", "")), texts);
        return texts;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix + field.getKey() + ".", field.getValue(), into);
            }
        }
        else {
            into.put(prefix.substring(0, prefix.length() - 1), node.isTextual() ? node.asText() : node.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "tasklist", "cockpit", "admin", "welcome" })
    void everyEnglishTextHasANorwegianOne(String app) throws IOException {
        Map<String, String> english = texts(camundas(app + "/locales/en.json"));
        Map<String, String> norwegian = texts(ours(app + "/locales/nb.json"));

        assertThat(norwegian.keySet()).as(app + ": the keys of nb.json and of Camunda's en.json")
            .containsExactlyInAnyOrderElementsOf(english.keySet());
        assertThat(
                norwegian.keySet().stream().filter(key -> norwegian.get(key).isBlank() && !english.get(key).isBlank()))
            .as(app + ": texts left empty")
            .isEmpty();
        if (english.keySet().stream().anyMatch(key -> key.startsWith("dateLocales."))) {
            assertThat(norwegian).as(app + ": Norwegian month names")
                .containsEntry("dateLocales.months", JSON
                    .valueToTree(new String[] { "januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
                            "september", "oktober", "november", "desember" })
                    .toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "tasklist", "cockpit", "admin", "welcome" })
    void configIsCamundasDefaultWithNorwegianTheOnlyLanguage(String app) throws IOException {
        String camundas = camundas(app + "/scripts/config.js");
        String ours = ours(app + "/scripts/config.js");
        String start = "export default {\n";

        assertThat(ours)
            .as(app + ": Camunda's default config.js (keyboard shortcuts etc.), unchanged below our settings")
            .contains(camundas.substring(camundas.indexOf(start) + start.length()));
        assertThat(ours).contains("availableLocales: ['nb']", "fallbackLocale: 'nb'",
                "customScripts: ['custom/pakkeforlop']", "short: 'DD.MM.YYYY'");
        assertThat(ours(app + "/custom/pakkeforlop.js")).contains("../../pakkeforlop/common.js");
    }

}
