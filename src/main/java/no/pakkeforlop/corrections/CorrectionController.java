package no.pakkeforlop.corrections;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import no.pakkeforlop.pathways.PathwayStatus;
import no.pakkeforlop.rules.CurrentUser;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Corrections of a pathway's codes: {@code POST /api/pathways/{referralId}/corrections}.
 */
@RestController
public class CorrectionController {

    private final PathwayCorrections corrections;

    private final ProcessEngine engine;

    public CorrectionController(PathwayCorrections corrections, ProcessEngine engine) {
        this.corrections = corrections;
        this.engine = engine;
    }

    @Operation(summary = "Rett datoen for en registrert kode, eller trekk tilbake en kode registrert ved en feil")
    @ApiResponse(responseCode = "200", description = "Rettet; forløpet slik det står nå, med alle rettinger")
    @ApiResponse(responseCode = "400",
            description = "Mangler begrunnelse, ugyldig dato eller feil rekkefølge; ingenting er endret")
    @ApiResponse(responseCode = "403", description = "Bare forløpskoordinatorer retter koder")
    @ApiResponse(responseCode = "404", description = "Ingen forløp for denne henvisningen")
    @ApiResponse(responseCode = "409",
            description = "Forløpets tilstand tillater ikke rettingen (f.eks. senere koder først)")
    @PostMapping(path = "/api/pathways/{referralId}/corrections", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public PathwayStatus correct(@PathVariable String referralId, @RequestBody CodeCorrections.Request body) {
        return corrections.correct(referralId, body, CurrentUser.of(engine));
    }

}
