package no.pakkeforlop.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import no.pakkeforlop.rules.ValueLists;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * /v3/api-docs is public and describes exactly the /api endpoints the controllers serve.
 */
class OpenApiTest extends ApiTestSupport {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void theDescribedPathsAndMethodsAreTheControllers() {
        ResponseEntity<String> response = http.getForEntity("/v3/api-docs", String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        JsonNode docs = json(response);

        Set<String> documented = new TreeSet<>();
        docs.get("paths")
            .fields()
            .forEachRemaining(path -> path.getValue()
                .fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey())));

        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods()
            .forEach((info, method) -> info.getPatternValues()
                .stream()
                .filter(pattern -> pattern.startsWith("/api/"))
                .forEach(pattern -> info.getMethodsCondition()
                    .getMethods()
                    .forEach(httpMethod -> served.add(httpMethod.name() + " " + pattern))));

        assertThat(served).containsExactlyInAnyOrder("POST /api/referrals", "GET /api/pathways/{referralId}",
                "POST /api/pathways/{referralId}/transfers", "POST /api/pathways/{referralId}/termination",
                "POST /api/pathways/{referralId}/corrections", "GET /api/codes", "GET /api/reports/pathway-times",
                "GET /api/reports/pathway-times/monthly", "GET /api/reports/hospitals", "GET /api/worklist/at-risk",
                "GET /api/access-log");
        assertThat(documented).isEqualTo(served);
        assertThat(docs.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
        assertThat(docs.at("/components/schemas/ReferralRequest/properties/startBasis/enum")).hasSize(3);
    }

    @Test
    void theAllowedValuesAreTheValueListsTheServerChecks() {
        JsonNode docs = json(http.getForEntity("/v3/api-docs", String.class));
        assertThat(texts(docs.at("/components/schemas/ReferralRequest/properties/startBasis/enum")))
            .isEqualTo(ValueLists.START_BASES);
        assertThat(texts(docs.at("/components/schemas/ReferralRequest/properties/suspicionCriteria/items/enum")))
            .isEqualTo(ValueLists.SUSPICION_CRITERIA);
        assertThat(texts(docs.at("/components/schemas/Frailty/properties/scale/enum")))
            .isEqualTo(ValueLists.FRAILTY_SCALES);
        assertThat(texts(docs.at("/components/schemas/Referrer/properties/type/enum")))
            .isEqualTo(ValueLists.REFERRER_TYPES);
        assertThat(texts(docs.at("/components/schemas/TerminationRequest/properties/reason/enum")))
            .isEqualTo(ValueLists.TERMINATION_REASONS);
    }

    @Test
    void aReferralsPathwayAndEveryListsPathwayParameterTakeThePathwaysThereAre() {
        JsonNode docs = json(http.getForEntity("/v3/api-docs", String.class));
        assertThat(texts(docs.at("/components/schemas/ReferralRequest/properties/pathway/enum"))).containsExactly("A12",
                "A32");
        List<String> narrowed = new ArrayList<>();
        docs.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            for (JsonNode parameter : operation.getValue().path("parameters")) {
                if (parameter.path("name").asText().equals("pathway")) {
                    narrowed.add(path.getKey() + " " + texts(parameter.at("/schema/enum")));
                }
            }
        }));
        assertThat(narrowed).containsExactlyInAnyOrder("/api/codes [A12, A32]", "/api/reports/pathway-times [A12, A32]",
                "/api/reports/pathway-times/monthly [A12, A32]", "/api/reports/hospitals [A12, A32]",
                "/api/worklist/at-risk [A12, A32]");
        assertThat(docs.at("/components/schemas/PathwayStatus/properties/pathway/type").asText()).isEqualTo("string");
        assertThat(docs.at("/components/schemas/PathwayStatus/properties/pathwayName").isMissingNode()).isFalse();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

}
