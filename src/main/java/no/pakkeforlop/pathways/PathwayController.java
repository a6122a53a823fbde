package no.pakkeforlop.pathways;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/pathways/{referralId}", produces = MediaType.APPLICATION_JSON_VALUE)
public class PathwayController {

    public record TransferRequest(@Schema(example = "2026-03-12") String date,
            @Schema(example = "Oslo universitetssykehus HF") String toHospital) {
    }

    /**
     * The allowed reasons are filled in from rules.ValueLists (api.OpenApiConfiguration).
     */
    public record TerminationRequest(@Schema(example = "2026-03-20") String date, String reason) {
    }

    private final Pathways pathways;

    private final PathwayAdministration administration;

    public PathwayController(Pathways pathways, PathwayAdministration administration) {
        this.pathways = pathways;
        this.administration = administration;
    }

    @Operation(summary = "Forløpets status, registrerte koder og de fire normerte forløpstidene")
    @ApiResponse(responseCode = "200", description = "Forløpet")
    @ApiResponse(responseCode = "404", description = "Ingen forløp for denne henvisningen")
    @GetMapping
    public PathwayStatus status(@PathVariable String referralId) {
        return pathways.status(referralId);
    }

    @Operation(summary = "Overfør forløpet til et annet helseforetak (A32O); kan gjentas")
    @ApiResponse(responseCode = "200", description = "Overføringen er registrert")
    @ApiResponse(responseCode = "202", description = "Overføringen er mottatt; koden registreres straks jobben lykkes")
    @ApiResponse(responseCode = "400", description = "Ugyldig dato eller helseforetak; ingenting er endret")
    @ApiResponse(responseCode = "409", description = "Forløpet er avsluttet")
    @PostMapping(path = "/transfers", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<PathwayStatus> transfer(@PathVariable String referralId,
            @RequestBody TransferRequest request) {
        return answer(administration.transfer(referralId, request.date(), request.toHospital()));
    }

    @Operation(summary = "Avslutt forløpet før behandlingsstart (A32X)")
    @ApiResponse(responseCode = "200", description = "Avslutningen er registrert; åpne oppgaver og frister er fjernet")
    @ApiResponse(responseCode = "202", description = "Avslutningen er mottatt; koden registreres straks jobben lykkes")
    @ApiResponse(responseCode = "400", description = "Ugyldig dato eller årsak; ingenting er endret")
    @ApiResponse(responseCode = "409", description = "Forløpet er allerede avsluttet")
    @PostMapping(path = "/termination", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<PathwayStatus> terminate(@PathVariable String referralId,
            @RequestBody TerminationRequest request) {
        return answer(administration.terminate(referralId, request.date(), request.reason()));
    }

    private static ResponseEntity<PathwayStatus> answer(PathwayAdministration.Outcome outcome) {
        return ResponseEntity.status(outcome.registered() ? HttpStatus.OK : HttpStatus.ACCEPTED)
            .body(outcome.pathway());
    }

}
