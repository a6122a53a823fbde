package no.pakkeforlop.reports;

import java.time.YearMonth;
import java.util.List;
import no.pakkeforlop.checks.DateRange;
import no.pakkeforlop.refusals.InputRefusedException;
import no.pakkeforlop.rules.PathwayCatalog;
import no.pakkeforlop.rules.PathwayDates;
import no.pakkeforlop.rules.PathwayRules;
import org.springframework.stereotype.Service;

/**
 * The report as both doors ask for it: {@code /api/reports/...} (HTTP Basic) and the
 * Cockpit plugin's resource (the Cockpit session). The query parameters arrive as text
 * and are checked here, so both give the same figures and the same refusals.
 * {@code pathway} ("A32") narrows a report to one pathway; absent or blank, each pathway
 * has its rows; unknown, it is refused.
 */
@Service
public class ReportQueries {

    public static final int DEFAULT_MONTHS = 12;

    public static final int MAX_MONTHS = 36;

    private final PathwayTimesReport report;

    private final PathwayCatalog catalog;

    public ReportQueries(PathwayTimesReport report, PathwayCatalog catalog) {
        this.report = report;
        this.catalog = catalog;
    }

    public PathwayTimesReport.Report pathwayTimes(String from, String to, String hospital, String pathway) {
        DateRange range = DateRange.parse(from, to);
        return report.report(range.from(), range.to(), blankToNull(hospital), catalog.narrowedTo(pathway).orElse(null));
    }

    /**
     * The last {@code months} calendar months up to and including the current one
     * (Europe/Oslo).
     */
    public PathwayTimesReport.MonthlyReport monthly(String months, String hospital, String pathway) {
        PathwayRules narrowed = catalog.narrowedTo(pathway).orElse(null);
        int count = DEFAULT_MONTHS;
        if (months != null && !months.isBlank()) {
            try {
                count = Integer.parseInt(months.trim());
            }
            catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 1 || count > MAX_MONTHS) {
                throw new InputRefusedException("months",
                        "Antall måneder må være et heltall fra 1 til " + MAX_MONTHS + ".");
            }
        }
        YearMonth last = YearMonth.from(PathwayDates.today(catalog.zone()));
        return report.monthly(last.minusMonths(count - 1L), last, blankToNull(hospital), narrowed);
    }

    public List<String> hospitals(String pathway) {
        return report.hospitals(catalog.narrowedTo(pathway).orElse(null));
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

}
