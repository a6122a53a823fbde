package no.pakkeforlop.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

class DurableH2UrlTest {

    private final DurableH2Url postProcessor = new DurableH2Url(new org.springframework.boot.logging.DeferredLogs());

    @Test
    void aFileUrlWithoutTheSettingGetsWriteDelayZero() {
        assertThat(DurableH2Url.durable("jdbc:h2:file:/some/path"))
            .contains("jdbc:h2:file:/some/path;WRITE_DELAY=0;TRACE_LEVEL_FILE=0");
        assertThat(DurableH2Url.durable("jdbc:h2:./data/x;DB_CLOSE_ON_EXIT=FALSE"))
            .contains("jdbc:h2:./data/x;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;TRACE_LEVEL_FILE=0");
        assertThat(DurableH2Url.durable("jdbc:h2:~/pathways"))
            .contains("jdbc:h2:~/pathways;WRITE_DELAY=0;TRACE_LEVEL_FILE=0");
    }

    @Test
    void aUrlThatAlreadySaysZeroAndUrlsWithoutAFileAreLeftAsTheyAre() {
        for (String url : new String[] {
                "jdbc:h2:file:./data/pakkeforlop;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;TRACE_LEVEL_FILE=0",
                "jdbc:h2:file:/x;write_delay = 0;trace_level_file=1", "jdbc:h2:mem:test;DB_CLOSE_DELAY=-1",
                "jdbc:h2:tcp://db/x", "jdbc:postgresql://localhost/pakkeforlop" }) {
            assertThat(DurableH2Url.durable(url)).contains(url);
        }
        assertThat(DurableH2Url.durable(null)).isEmpty();
    }

    @Test
    void aFileUrlThatAsksForAWriteDelayRefusesToStartWithAClearMessage() {
        assertThatThrownBy(() -> DurableH2Url.durable("jdbc:h2:file:/x;WRITE_DELAY=500"))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("WRITE_DELAY=500")
            .hasMessageContaining("lose commits it has acknowledged");
    }

    @Test
    void theUrlGivenOnTheCommandLineIsTheOneMadeDurable() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources()
            .addLast(new MapPropertySource("application.yaml",
                    Map.of("spring.datasource.url", "jdbc:h2:file:./data/pakkeforlop;WRITE_DELAY=0")));
        environment.getPropertySources()
            .addFirst(new SimpleCommandLinePropertySource("--spring.datasource.url=jdbc:h2:file:/some/path"));

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.datasource.url"))
            .isEqualTo("jdbc:h2:file:/some/path;WRITE_DELAY=0;TRACE_LEVEL_FILE=0");
    }

}
