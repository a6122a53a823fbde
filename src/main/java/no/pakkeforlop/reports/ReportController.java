package no.pakkeforlop.reports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pathway-time report over HTTP Basic; the Cockpit plugin serves the same figures
 * from {@link ReportQueries}.
 */
@RestController
public class ReportController {

    private final ReportQueries queries;

    public ReportController(ReportQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "Forløpstider: andel innenfor normert tid og median per intervall",
            description = "Teller forløp der intervallet ble avsluttet i perioden (begge datoer tas med), eventuelt bare "
                    + "ved ett sykehus (sykehuset som registrerte koden som avsluttet intervallet). Én rad per "
                    + "pakkeforløp og intervall (pathway), regnet med det forløpets regler; pathway=A32 gir bare det "
                    + "forløpet.")
    @GetMapping(path = "/api/reports/pathway-times", produces = MediaType.APPLICATION_JSON_VALUE)
    public PathwayTimesReport.Report pathwayTimes(
            @Parameter(description = "Fra og med dato (ÅÅÅÅ-MM-DD)",
                    example = "2026-01-01") @RequestParam(required = false) String from,
            @Parameter(description = "Til og med dato (ÅÅÅÅ-MM-DD)",
                    example = "2026-12-31") @RequestParam(required = false) String to,
            @Parameter(description = "Bare dette sykehuset (valgfritt)") @RequestParam(
                    required = false) String hospital,
            @Parameter(description = PATHWAY, example = "A32") @RequestParam(required = false) String pathway) {
        return queries.pathwayTimes(from, to, hospital, pathway);
    }

    static final String PATHWAY = "Bare dette pakkeforløpet (kodeprefikset, valgfritt)";

    @Operation(summary = "Forløpstider måned for måned",
            description = "De samme tallene som /api/reports/pathway-times for hver kalendermåned, de siste N månedene "
                    + "til og med inneværende måned (Europe/Oslo).")
    @GetMapping(path = "/api/reports/pathway-times/monthly", produces = MediaType.APPLICATION_JSON_VALUE)
    public PathwayTimesReport.MonthlyReport monthly(
            @Parameter(description = "Antall måneder (1-36)",
                    example = "12") @RequestParam(required = false) String months,
            @Parameter(description = "Bare dette sykehuset (valgfritt)") @RequestParam(
                    required = false) String hospital,
            @Parameter(description = PATHWAY, example = "A32") @RequestParam(required = false) String pathway) {
        return queries.monthly(months, hospital, pathway);
    }

    @Operation(summary = "Sykehusene som har registrert koder")
    @GetMapping(path = "/api/reports/hospitals", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<String> hospitals(
            @Parameter(description = PATHWAY, example = "A32") @RequestParam(required = false) String pathway) {
        return queries.hospitals(pathway);
    }

}
