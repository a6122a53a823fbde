package no.pakkeforlop.accesslog;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.pakkeforlop.checks.Check;
import no.pakkeforlop.checks.Checker;
import no.pakkeforlop.checks.DateRange;
import no.pakkeforlop.intake.NationalId;
import no.pakkeforlop.rules.PathwayCatalog;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The access log for the privacy officer (group {@code personvern}; administrators too):
 * by referral, by patient (national id or D-number: every referral of the patient; what a
 * patient may ask to see), by user and by period. Reading the log is itself recorded, for
 * the referrals asked about.
 */
@RestController
public class AccessLogController {

    /**
     * The query's checks: a period open on either side, and a national id only when it is
     * a valid one (the value itself is not repeated: it may be a patient's).
     */
    private static final List<Check> QUERY = Stream.concat(DateRange.rules(false).stream(), Stream.of(checker -> {
        Object nationalId = checker.value("nationalId");
        if (nationalId instanceof String text && !text.isBlank() && !NationalId.isValid(text.trim())) {
            checker.error("nationalId", "Fødselsnummeret eller D-nummeret er ikke gyldig.");
        }
    })).toList();

    /** One row as the privacy officer sees it; {@code at} in Europe/Oslo. */
    public record Row(String at, String userId, String groups, String referralId, String action, String resource,
            String client, int status) {
    }

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    static final String CSV_HEADER = "at,userId,groups,referralId,action,resource,client,status";

    private final AccessLog log;

    private final ZoneId zone;

    private final IdentityService identity;

    public AccessLogController(AccessLog log, PathwayCatalog catalog, IdentityService identity) {
        this.log = log;
        this.zone = catalog.zone();
        this.identity = identity;
    }

    @Operation(
            summary = "Hvem har lest eller endret et pasientforløp: etter henvisning, pasient, bruker eller periode; "
                    + "JSON eller CSV (Accept: text/csv)")
    @ApiResponse(responseCode = "200", description = "Loggen, eldste først")
    @ApiResponse(responseCode = "400", description = "Ugyldig fødselsnummer eller dato")
    @GetMapping(path = "/api/access-log", produces = { MediaType.APPLICATION_JSON_VALUE, "text/csv" })
    public ResponseEntity<?> accessLog(
            @Parameter(description = "Henvisnings-ID") @RequestParam(required = false) String referralId,
            @Parameter(description = "Pasientens fødselsnummer eller D-nummer") @RequestParam(
                    required = false) String nationalId,
            @Parameter(description = "Bruker-ID") @RequestParam(required = false) String userId,
            @Parameter(description = "Fra og med dato (ÅÅÅÅ-MM-DD)") @RequestParam(required = false) String from,
            @Parameter(description = "Til og med dato (ÅÅÅÅ-MM-DD)") @RequestParam(required = false) String to,
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletRequest request) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("from", from);
        parameters.put("to", to);
        parameters.put("nationalId", nationalId);
        Checker checker = Checker.of(parameters, null).check(QUERY).refuseIfAny();
        LocalDate start = (LocalDate) checker.accepted("from");
        LocalDate end = (LocalDate) checker.accepted("to");
        List<String> referrals = null;
        if (nationalId != null && !nationalId.isBlank()) {
            referrals = new ArrayList<>(log.referralsOfPatient(nationalId.trim()));
        }
        if (referralId != null && !referralId.isBlank()) {
            referrals = referrals == null ? new ArrayList<>(List.of(referralId.trim()))
                    : new ArrayList<>(referrals.stream().filter(referralId.trim()::equals).toList());
        }
        List<AccessLog.Entry> entries = log.find(new AccessLog.Query(blankToNull(userId), referrals, start, end), zone);
        recordThisRead(referrals, request);

        List<Row> rows = entries.stream()
            .sorted(Comparator.comparing(AccessLog.Entry::at))
            .map(e -> new Row(e.at().atZone(zone).toOffsetDateTime().toString(), e.userId(), e.groups(), e.referralId(),
                    e.action(), e.resource(), e.client(), e.status()))
            .toList();
        if (prefersCsv(accept)) {
            return ResponseEntity.ok().contentType(CSV).body(csv(rows));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(rows);
    }

    /**
     * The privacy officer's own look at a patient's log is part of that patient's log.
     */
    private void recordThisRead(List<String> referrals, HttpServletRequest request) {
        if (referrals == null || referrals.isEmpty()) {
            return;
        }
        var authentication = identity.getCurrentAuthentication();
        String user = authentication == null ? "?" : authentication.getUserId();
        String groups = authentication == null || authentication.getGroupIds() == null ? ""
                : String.join(",", authentication.getGroupIds());
        Instant at = Instant.now();
        List<AccessLog.Entry> entries = new ArrayList<>();
        log.referrals(List.of(), referrals)
            .forEach((referral, processInstance) -> entries.add(new AccessLog.Entry(at, user, groups, referral,
                    processInstance, "READ", "GET /api/access-log", request.getRemoteAddr(), 200)));
        log.append(entries);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static boolean prefersCsv(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types = new ArrayList<>(MediaType.parseMediaTypes(accept));
        types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType type : types) {
            if (type.getQualityValue() == 0 || type.isWildcardType()) {
                continue;
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                return false;
            }
            if (type.isCompatibleWith(CSV)) {
                return true;
            }
        }
        return false;
    }

    static String csv(List<Row> rows) {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append("\r\n");
        for (Row row : rows) {
            csv.append(field(row.at()))
                .append(',')
                .append(field(row.userId()))
                .append(',')
                .append(field(row.groups()))
                .append(',')
                .append(field(row.referralId()))
                .append(',')
                .append(field(row.action()))
                .append(',')
                .append(field(row.resource()))
                .append(',')
                .append(field(row.client()))
                .append(',')
                .append(row.status())
                .append("\r\n");
        }
        return csv.toString();
    }

    private static String field(String value) {
        if (value == null) {
            return "";
        }
        // a cell starting with =, +, - or @ would be a formula in a spreadsheet
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

}
