package no.pakkeforlop.worklist;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AtRiskController {

    private final AtRiskWorklist worklist;

    public AtRiskController(AtRiskWorklist worklist) {
        this.worklist = worklist;
    }

    @Operation(summary = "Forløp i fare for å bryte en standard forløpstid",
            description = "Aktive forløp der et løpende intervall har frist innen N dager, eller der forventet slutt (i dag "
                    + "+ median tid for milepælene som gjenstår, lært fra forløp fullført siste 12 måneder; normert tid når "
                    + "færre enn 20 er kjent) er etter fristen. Sortert på dager igjen. Bare henvisnings-id, ingen navn eller "
                    + "fødselsnummer.")
    @GetMapping(path = "/api/worklist/at-risk", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<AtRiskWorklist.AtRiskPathway> atRisk(
            @Parameter(description = "Frist innen så mange dager (0-365, standard 3)",
                    example = "3") @RequestParam(required = false) String withinDays) {
        return worklist.atRisk(withinDays);
    }

}
