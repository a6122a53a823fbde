package no.pakkeforlop.api;

import static no.pakkeforlop.testsupport.TestData.COORDINATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Every error of the API is application/problem+json with a Norwegian text, and never
 * shows exception text.
 */
class ProblemDetailsTest extends ApiTestSupport {

    @Test
    void anUnknownAddressIs404() {
        ResponseEntity<String> response = get(COORDINATOR, "/api/pathway/HEN-1");
        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("title").asText()).isEqualTo("Finnes ikke");
        assertThat(problem.get("detail").asText()).isEqualTo("Adressen /api/pathway/HEN-1 finnes ikke.");
        assertThat(problem.get("errors")).isEmpty();
    }

    @Test
    void aMethodTheEndpointDoesNotHaveIs405() {
        ResponseEntity<String> response = as(COORDINATOR).exchange("/api/referrals", HttpMethod.PUT,
                new HttpEntity<>("{}"), String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(405);
        assertThat(response.getHeaders().getAllow()).containsExactly(HttpMethod.POST);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(json(response).get("detail").asText()).isEqualTo("Metoden PUT er ikke tillatt her. Tillatt: POST.");
    }

    @Test
    void anUnexpectedErrorIs500WithoutItsText() {
        doThrow(new IllegalStateException("relation \"pathway_code\" does not exist at db-07.internal"))
            .when(codeRegistry)
            .codesOf(anyString());
        today("2026-06-02");
        startPathway("HEN-PROBLEM-500", "2026-06-01");

        ResponseEntity<String> response = get(COORDINATOR, "/api/pathways/HEN-PROBLEM-500");

        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(response.getBody()).doesNotContain("pathway_code", "db-07", "IllegalState", "at no.");
        JsonNode problem = json(response);
        assertThat(problem.get("title").asText()).isEqualTo("Intern feil");
        assertThat(problem.get("detail").asText())
            .isEqualTo("Det oppstod en uventet feil. Feilen er logget; prøv igjen senere eller kontakt brukerstøtte.");
    }

}
