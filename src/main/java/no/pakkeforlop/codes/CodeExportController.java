package no.pakkeforlop.codes;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import no.pakkeforlop.checks.DateRange;
import no.pakkeforlop.rules.PathwayCatalog;
import no.pakkeforlop.rules.PathwayRules;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CodeExportController {

    static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    /**
     * The columns; {@code pathway} came last, so consumers that read by position keep
     * working.
     */
    static final String CSV_HEADER = "referralId,nationalId,code,date,hospital,status,previousDate,pathway";

    private final CodeExport export;

    private final PathwayCatalog catalog;

    public CodeExportController(CodeExport export, PathwayCatalog catalog) {
        this.export = export;
        this.catalog = catalog;
    }

    @Operation(summary = "Alle registrerte forløpskoder med dato i perioden, som JSON eller CSV (Accept: text/csv)",
            description = "Hver kode med pakkeforløpet den hører til (pathway, f.eks. A32); pathway=A32 gir bare det "
                    + "forløpets koder. Et ukjent forløp gir 400.")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    array = @ArraySchema(schema = @Schema(implementation = CodeExport.ExportedCode.class))),
            @Content(mediaType = "text/csv",
                    schema = @Schema(type = "string", example = CSV_HEADER
                            + "\nHEN-2026-000123,31129956715,A32A,2026-03-02,Helse Bergen HF,REGISTERED,,A32")) })
    @GetMapping(path = "/api/codes", produces = { MediaType.APPLICATION_JSON_VALUE, "text/csv" })
    public ResponseEntity<?> codes(
            @Parameter(description = "Fra og med dato (ÅÅÅÅ-MM-DD)",
                    example = "2026-03-01") @RequestParam(required = false) String from,
            @Parameter(description = "Til og med dato (ÅÅÅÅ-MM-DD)",
                    example = "2026-03-31") @RequestParam(required = false) String to,
            @Parameter(description = "Bare dette pakkeforløpet (kodeprefikset, valgfritt)",
                    example = "A32") @RequestParam(required = false) String pathway,
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        DateRange range = DateRange.parse(from, to);
        String narrowed = catalog.narrowedTo(pathway).map(PathwayRules::pathway).orElse(null);
        List<CodeExport.ExportedCode> codes = export.between(range.from(), range.to(), narrowed);
        if (prefersCsv(accept)) {
            return ResponseEntity.ok().contentType(CSV).body(csv(codes));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(codes);
    }

    /** CSV when the caller asks for it before (or instead of) JSON. */
    static boolean prefersCsv(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types = new java.util.ArrayList<>(MediaType.parseMediaTypes(accept));
        types.sort(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType type : types) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()) {
                return false;
            }
            if (type.isCompatibleWith(CSV) && !type.isWildcardType()) {
                return true;
            }
        }
        return false;
    }

    static String csv(List<CodeExport.ExportedCode> codes) {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append("\r\n");
        for (CodeExport.ExportedCode code : codes) {
            csv.append(field(code.referralId()))
                .append(',')
                .append(field(code.nationalId()))
                .append(',')
                .append(field(code.code()))
                .append(',')
                .append(code.date())
                .append(',')
                .append(field(code.hospital()))
                .append(',')
                .append(code.status())
                .append(',')
                .append(code.previousDate() == null ? "" : code.previousDate().toString())
                .append(',')
                .append(field(code.pathway()))
                .append("\r\n");
        }
        return csv.toString();
    }

    /**
     * RFC 4180: a field with a comma, a quote or a line break is quoted, and its quotes
     * doubled. A field that a spreadsheet would read as a formula (starting with =, +,
     * -, @, tab or carriage return) gets a leading apostrophe, so Excel and LibreOffice
     * show it as text instead of running it (OWASP "CSV injection").
     */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            value = "'" + value;
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

}
