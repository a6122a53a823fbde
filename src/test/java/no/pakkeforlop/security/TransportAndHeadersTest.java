package no.pakkeforlop.security;

import static no.pakkeforlop.testsupport.TestData.ADMIN;
import static no.pakkeforlop.testsupport.TestData.COORDINATOR;
import static no.pakkeforlop.testsupport.TestData.allNationalIds;
import static no.pakkeforlop.testsupport.TestData.REPORTER;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Issue 12, finding 7: no TLS guidance, cookies without {@code Secure}, no HSTS,
 * {@code /api} answers (CSV with national ids) cacheable and sniffable,
 * {@code /engine-rest} errors with internal exception texts.
 */
class TransportAndHeadersTest extends SecurityTestSupport {

    @Test
    void apiAnswersAreNeitherStoredNorSniffed() {
        for (ResponseEntity<String> answer : new ResponseEntity[] {
                get(REPORTER, "/api/codes?from=2026-01-01&to=2026-01-31", "text/csv"),
                get(COORDINATOR, "/api/pathways/HEN-SEC7-NONE"), http.getForEntity("/api/codes", String.class) }) {
            assertThat(answer.getHeaders().getCacheControl()).as(answer.getStatusCode().toString())
                .contains("no-store");
            assertThat(answer.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }

    @Test
    void overHttpsEveryAnswerCarriesHsts() {
        for (String path : new String[] { "/camunda/app/tasklist/default/", "/api/codes", "/engine-rest/task",
                "/actuator/health/liveness", "/v3/api-docs" }) {
            HttpHeaders https = new HttpHeaders();
            https.set("X-Forwarded-Proto", "https");
            ResponseEntity<String> secure = http.exchange(path, HttpMethod.GET, new HttpEntity<>(https), String.class);
            assertThat(secure.getHeaders().getFirst("Strict-Transport-Security")).as(path)
                .contains("max-age=31536000")
                .contains("includeSubDomains");
            ResponseEntity<String> plain = http.getForEntity(path, String.class);
            assertThat(plain.getHeaders().getFirst("Strict-Transport-Security")).as(path).isNull();
        }
    }

    @Test
    void productionCookiesAreSecureAndTheReadmeRequiresTls() throws IOException {
        StandardEnvironment production = new StandardEnvironment();
        new YamlPropertySourceLoader().load("postgres", new ClassPathResource("application-postgres.yaml"))
            .forEach(source -> production.getPropertySources().addFirst(source));
        assertThat(production.getProperty("camunda.bpm.webapp.csrf.enable-secure-cookie")).isEqualTo("true");
        assertThat(production.getProperty("camunda.bpm.webapp.session-cookie.enable-secure-cookie")).isEqualTo("true");
        assertThat(production.getProperty("server.servlet.session.cookie.secure")).isEqualTo("true");
        assertThat(production.getProperty("camunda.bpm.webapp.header-security.hsts-disabled")).isEqualTo("false");
        assertThat(production.getProperty("server.forward-headers-strategy")).isEqualTo("native");
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains("## Sikkerhet")
            .contains("TLS")
            .contains("server.forward-headers-strategy")
            .contains("Secure")
            .contains("HSTS");
    }

    @Test
    void engineRestErrorsSayWhatWentWrongWithoutInternalTexts() {
        ResponseEntity<String> unknownTask = post(ADMIN, "/engine-rest/task/no-such-task/complete", "{}");
        assertThat(unknownTask.getStatusCode().value()).isBetween(400, 599);
        ResponseEntity<String> badJson = post(ADMIN, "/engine-rest/process-instance/x/variables",
                "{\"modifications\":");
        assertThat(badJson.getStatusCode().value()).isEqualTo(400);
        ResponseEntity<String> badType = post(ADMIN, "/engine-rest/process-instance/x/variables",
                "{\"modifications\":{\"a\":{\"value\":\"x\",\"type\":\"Integer\"}}}");
        for (ResponseEntity<String> answer : new ResponseEntity[] { unknownTask, badJson, badType }) {
            String message = json(answer).path("message").asText();
            assertThat(message).as(answer.getBody())
                .isNotBlank()
                .doesNotContain("Exception")
                .doesNotContain("ENGINE-")
                .doesNotContain("org.")
                .doesNotContain("java.")
                .doesNotContain("\tat ");
        }
        assertThat(EngineRestErrors.replace(500, "{\"type\":\"ProcessEngineException\",\"message\":\"ENGINE-03004 "
                + "Exception while executing Database Operation 'INSERT ...' with message '### Error ... 31129956715'\"}"))
            .contains("ProcessEngineException")
            .doesNotContain(allNationalIds())
            .doesNotContain("ENGINE-")
            .contains("Feil-id");
        assertThat(EngineRestErrors.replace(400,
                "{\"type\":\"RestException\",\"message\":\"Dato for første fremmøte mangler.\"}"))
            .as("staff messages stay")
            .isNull();
        assertThat(unknownTask.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).contains("json");
    }

}
