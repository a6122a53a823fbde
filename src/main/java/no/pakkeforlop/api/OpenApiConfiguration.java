package no.pakkeforlop.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.List;
import java.util.Map;
import no.pakkeforlop.rules.PathwayCatalog;
import no.pakkeforlop.rules.ValueLists;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs}: only {@code /api/**}
 * (springdoc.paths-to-match), public.
 */
@Configuration
@OpenAPIDefinition(info = @Info(title = "Pakkeforløp for kreft", version = "1",
        description = "Henvisninger, forløpsstatus, overføring og avslutning, kodeeksport og forløpstider, for hvert "
                + "pakkeforløp (pathway: kodeprefikset, f.eks. A32 for kreft i spiserør og magesekk). Alle kall krever "
                + "HTTP Basic med en bruker i prosessmotoren. Feil svares med application/problem+json."),
        security = @SecurityRequirement(name = "basic"))
@SecurityScheme(name = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
public class OpenApiConfiguration {

    /**
     * Which property of which schema takes its values from which value list ("[]": the
     * list's items).
     */
    static final Map<String, List<String>> VALUE_LISTS = Map.of("ReferralRequest.startBasis", ValueLists.START_BASES,
            "ReferralRequest.suspicionCriteria[]", ValueLists.SUSPICION_CRITERIA, "Referrer.type",
            ValueLists.REFERRER_TYPES, "Frailty.scale", ValueLists.FRAILTY_SCALES, "TerminationRequest.reason",
            ValueLists.TERMINATION_REASONS, "ReferralRequest.previousCancer", ValueLists.PREVIOUS_CANCER);

    /**
     * The allowed values in the description come from the value lists the server checks
     * against, not from copies; a pathway ({@code pathway} of a referral, the query
     * parameter {@code ?pathway=}) from the pathways there are.
     */
    @Bean
    OpenApiCustomizer valueLists(PathwayCatalog catalog) {
        return openApi -> {
            valueLists(openApi);
            List<String> pathways = catalog.pathways();
            Schema<?> referral = openApi.getComponents().getSchemas().get("ReferralRequest");
            setEnum(referral.getProperties().get(PathwayCatalog.FIELD), pathways);
            openApi.getPaths()
                .values()
                .stream()
                .flatMap(path -> path.readOperations().stream())
                .map(Operation::getParameters)
                .filter(parameters -> parameters != null)
                .flatMap(List::stream)
                .filter(parameter -> PathwayCatalog.FIELD.equals(parameter.getName()) && parameter.getSchema() != null)
                .map(Parameter::getSchema)
                .forEach(schema -> setEnum(schema, pathways));
        };
    }

    @SuppressWarnings("unchecked")
    private static void setEnum(Schema<?> schema, List<String> values) {
        ((Schema<String>) schema).setEnum(values);
    }

    private static void valueLists(OpenAPI openApi) {
        VALUE_LISTS.forEach((property, values) -> {
            String[] parts = property.replace("[]", "").split("\\.");
            Schema<?> schema = openApi.getComponents().getSchemas().get(parts[0]);
            Schema<?> field = schema == null || schema.getProperties() == null ? null
                    : schema.getProperties().get(parts[1]);
            if (field == null) {
                throw new IllegalStateException("The OpenAPI description has no property " + property);
            }
            @SuppressWarnings("unchecked")
            Schema<String> target = (Schema<String>) (property.endsWith("[]") ? field.getItems() : field);
            target.setEnum(values);
        });
    }

}
