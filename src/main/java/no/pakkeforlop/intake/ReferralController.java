package no.pakkeforlop.intake;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/referrals", produces = MediaType.APPLICATION_JSON_VALUE)
public class ReferralController {

    /** The answer: the referral and its pathway. */
    public record ReferralCreated(String referralId, String processInstanceId) {
    }

    private final ReferralRegistration registration;

    public ReferralController(ReferralRegistration registration) {
        this.registration = registration;
    }

    @Operation(summary = "Registrer en henvisning og start pakkeforløpet",
            description = "Trygg å sende på nytt: samme innhold gir 200 med samme forløp; annet innhold med samme "
                    + "henvisnings-ID gir 409.")
    @ApiResponse(responseCode = "201", description = "Forløpet er startet")
    @ApiResponse(responseCode = "200", description = "Henvisningen var allerede registrert med samme innhold")
    @ApiResponse(responseCode = "400", description = "Ugyldig henvisning; ingenting er registrert")
    @ApiResponse(responseCode = "409", description = "Henvisnings-ID-en er brukt av en annen henvisning")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ReferralCreated> register(@RequestBody ReferralRequest request) {
        ReferralRegistration.Registered registered = registration.register(request);
        return ResponseEntity.status(registered.started() ? HttpStatus.CREATED : HttpStatus.OK)
            .location(URI.create("/api/pathways/" + registered.referralId()))
            .body(new ReferralCreated(registered.referralId(), registered.processInstanceId()));
    }

}
