package no.pakkeforlop.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description at {@code /v3/api-docs}: only {@code /api/**} (springdoc.paths-to-match), public. */
@Configuration
@OpenAPIDefinition(
    info = @Info(title = "Pakkeforløp for kreft i spiserør og magesekk", version = "1",
        description = "Henvisninger, forløpsstatus, overføring og avslutning, kodeeksport og forløpstider. "
            + "Alle kall krever HTTP Basic med en bruker i prosessmotoren. Feil svares med application/problem+json."),
    security = @SecurityRequirement(name = "basic"))
@SecurityScheme(name = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
public class OpenApiConfiguration {
}
