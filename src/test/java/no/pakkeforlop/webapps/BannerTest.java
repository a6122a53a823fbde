package no.pakkeforlop.webapps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;

/**
 * The banner at the top of the web applications: it names the environment, the demo
 * profile says its passwords are public and that no real patient data may be used, and
 * the text is never cached. (That the page shows it as plain text, also in Cockpit, is
 * checked in the browser: browser.TasklistBrowserTest.)
 */
class BannerTest {

    static StandardEnvironment environment(String... files) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        for (String file : files) {
            new YamlPropertySourceLoader().load(file, new ClassPathResource(file))
                .forEach(source -> environment.getPropertySources().addFirst(source));
        }
        return environment;
    }

    @Test
    void namesTheEnvironmentByDefault() throws IOException {
        String banner = environment("application.yaml").getProperty("pakkeforlop.webapps.banner");
        assertThat(banner).isEqualTo("Lokalt miljø · Pakkeforløp for kreft i spiserør og magesekk");
    }

    @Test
    void theDemoProfileSaysItsPasswordsArePublicAndNoRealPatientData() throws IOException {
        String banner = environment("application.yaml", "application-demo.yaml")
            .getProperty("pakkeforlop.webapps.banner");
        assertThat(banner).startsWith("DEMO").contains("passordene", "offentlige", "ekte pasientdata");
    }

    @Test
    void servesTheTextAsItIsAndUncached() {
        var answer = new BannerController("  Test – Helse Bergen <b>&</b>  ").banner();
        assertThat(answer.getBody()).containsExactlyEntriesOf(java.util.Map.of("text", "Test – Helse Bergen <b>&</b>"));
        assertThat(answer.getHeaders().getCacheControl()).isEqualTo(CacheControl.noStore().getHeaderValue());
    }

}
