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
            description = "Aktive forløp der et løpende intervall har frist innen N dager, eller er i fare (atRisk): "
                    + "forsiktig anslag (intervallets start + 80-persentilen av forløp fullført siste 12 måneder som hadde "
                    + "brukt minst like mange dager av intervallet; sykehusets egne når minst 20, ellers alle sykehus, "
                    + "ellers normert tid) er etter fristen, eller færre enn 2 dager igjen. predictedEnd bygger på "
                    + "medianen; explanation sier grunnlaget på norsk. Sortert på dager igjen. Bare henvisnings-id, "
                    + "ingen navn eller fødselsnummer. Hver rad sier hvilket pakkeforløp den gjelder (pathway), og "
                    + "pathway=A32 gir bare det forløpets rader.")
    @GetMapping(path = "/api/worklist/at-risk", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<AtRiskWorklist.AtRiskPathway> atRisk(
            @Parameter(description = "Frist innen så mange dager (0-365, standard 3)",
                    example = "3") @RequestParam(required = false) String withinDays,
            @Parameter(description = "Bare dette pakkeforløpet (kodeprefikset, valgfritt)",
                    example = "A32") @RequestParam(required = false) String pathway) {
        return worklist.atRisk(withinDays, pathway);
    }

}
