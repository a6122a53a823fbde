package no.pakkeforlop.reports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import no.pakkeforlop.api.DateRange;
import no.pakkeforlop.security.AllowedGroups;
import no.pakkeforlop.security.StaffGroups;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ReportController {

  private final PathwayTimesReport report;

  public ReportController(PathwayTimesReport report) {
    this.report = report;
  }

  @Operation(summary = "Forløpstider: andel innenfor normert tid og median per intervall",
      description = "Teller forløp der intervallet ble avsluttet i perioden (begge datoer tas med).")
  @AllowedGroups(StaffGroups.MANAGEMENT)
  @GetMapping(path = "/api/reports/pathway-times", produces = MediaType.APPLICATION_JSON_VALUE)
  public PathwayTimesReport.Report pathwayTimes(
      @Parameter(description = "Fra og med dato (ÅÅÅÅ-MM-DD)", example = "2026-01-01") @RequestParam(required = false) String from,
      @Parameter(description = "Til og med dato (ÅÅÅÅ-MM-DD)", example = "2026-12-31") @RequestParam(required = false) String to) {
    DateRange range = DateRange.parse(from, to);
    return report.report(range.from(), range.to());
  }
}
