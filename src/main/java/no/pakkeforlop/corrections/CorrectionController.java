package no.pakkeforlop.corrections;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import no.pakkeforlop.intake.StoredReferral;
import no.pakkeforlop.pathways.PathwayStatus;
import no.pakkeforlop.pathways.Pathways;
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

    /** The body: a corrected date, or the code withdrawn; a reason always. */
    public record CorrectionBody(@Schema(example = "A32S") String code,
            @Schema(example = "2026-03-09",
                    description = "Riktig dato (ÅÅÅÅ-MM-DD); utelates når koden trekkes tilbake") String date,
            @Schema(description = "true: koden ble registrert ved en feil og trekkes tilbake") Boolean withdrawn,
            @Schema(example = "Feil dato tastet; pasienten møtte 9. mars") String reason,
            @Schema(description = "Datoen koden er registrert med; bare når koden er registrert flere ganger (A32O)") String currentDate) {
    }

    private final Pathways pathways;

    private final CodeCorrections corrections;

    private final ProcessEngine engine;

    public CorrectionController(Pathways pathways, CodeCorrections corrections, ProcessEngine engine) {
        this.pathways = pathways;
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
    public PathwayStatus correct(@PathVariable String referralId, @RequestBody CorrectionBody body) {
        // the status first: an unknown pathway, or one the user may not read, is 404
        pathways.status(referralId);
        StoredReferral referral = pathways.referral(referralId);
        corrections.correct(referral.processInstanceId(), new CodeCorrections.Request(body.code(), body.date(),
                body.withdrawn(), body.reason(), body.currentDate()), CurrentUser.of(engine));
        return pathways.status(referralId);
    }

}
