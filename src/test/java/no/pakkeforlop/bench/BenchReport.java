package no.pakkeforlop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads bench-h2.json and bench-postgres.json, prints one table with both columns, writes
 * bench.json.
 */
public final class BenchReport {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench");
        ObjectMapper json = new ObjectMapper();
        List<String> names = new ArrayList<>();
        List<JsonNode> runs = new ArrayList<>();
        for (String db : List.of("h2", "postgres")) {
            File file = dir.resolve("bench-" + db + ".json").toFile();
            if (file.exists()) {
                names.add(db);
                runs.add(json.readTree(file));
            }
        }
        if (runs.isEmpty()) {
            throw new IllegalStateException("No benchmark results in " + dir);
        }
        String[][] rows = { { "journeys/s, pathway (threads)", "/journeys/pathwayPerSecond", "/journeys/threads" },
                { "journeys/s, floor (same wait states)", "/journeys/floorPerSecond", null },
                { "ratio pathway/floor (target <= 1.5)", "/journeys/ratio", null },
                { "ratio in each round, lowest to highest", "/journeys/ratioOfRounds", null },
                { "processor ms per journey, pathway / floor (JVM + PostgreSQL)", "/journeys/cpuMsPerPathwayJourney",
                        "/journeys/cpuMsPerFloorJourney" },
                { "processor-time ratio pathway/floor", "/journeys/cpuRatio", null },
                { "per pathway journey: commits/inserted/updated/deleted rows",
                        "work:/journeys/databaseWorkPerPathwayJourney", null },
                { "per floor journey: commits/inserted/updated/deleted rows",
                        "work:/journeys/databaseWorkPerFloorJourney", null },
                { "intake p50/p95/p99 ms, 1 client", "/intake/1clients", null },
                { "intake p50/p95/p99 ms, 8 clients (p99 < 50)", "/intake/8clients", null },
                { "intake p50/p95/p99 ms, 32 clients", "/intake/32clients", null },
                { "intake errors 1/8/32", "errors", null },
                { "engine floor over HTTP: REST start of the floor, 8 clients", "/intake/floor8clients", null },
                { "pathways in database for reports", "/reports/pathwaysInDatabase", null },
                { "pathway-times report p50/p95/p99 ms (< 500)", "/reports/pathwayTimes", null },
                { "codes for a year, JSON p50/p95/p99 ms (< 500)", "/reports/codesYearJson", null },
                { "codes for a year, CSV p50/p95/p99 ms", "/reports/codesYearCsv", null },
                { "at-risk: running pathways / listed (clock 2025-12-31)", "/atRisk/activePathways", "/atRisk/listed" },
                { "at-risk list p50/p95/p99 ms (< 500)", "/atRisk/atRisk", null },
                { "at-risk list, 14 days, p50/p95/p99 ms", "/atRisk/atRiskWithin14Days", null },
                { "at-risk after a new code (learns again) p50/p95/p99 ms", "/atRisk/atRiskAfterNewCode", null },
                { "monthly report, 12 months p50/p95/p99 ms (< 500)", "/atRisk/monthly", null },
                { "monthly report, one hospital p50/p95/p99 ms", "/atRisk/monthlyOneHospital", null },
                { "hospitals p50/p95/p99 ms", "/atRisk/hospitals", null },
                { "Cockpit plugin: at-risk p50/p95/p99 ms (< 500)", "/atRisk/pluginAtRisk", null },
                { "Cockpit plugin: monthly p50/p95/p99 ms (< 500)", "/atRisk/pluginMonthly", null },
                { "Cockpit plugin: period p50/p95/p99 ms (< 500)", "/atRisk/pluginPeriod", null },
                { "Cockpit plugin: hospitals p50/p95/p99 ms", "/atRisk/pluginHospitals", null },
                { "timer backlog: pathways", "/timerBacklog/pathways", null },
                { "timer backlog: seconds to all breach tasks (< 60)", "/timerBacklog/secondsUntilAllBreachTasks",
                        null },
                { "peak RSS MB (app and load driver, one JVM)", "/peakRssMb", null },
                { "database size MB at the end of the run", "/databaseSizeMb", null },
                { "start-up s", "/startupSeconds", null } };
        StringBuilder table = new StringBuilder();
        table.append(String.format("%-60s", "measure"));
        for (String name : names) {
            table.append(String.format(" | %-24s", name));
        }
        table.append('\n');
        for (String[] row : rows) {
            table.append(String.format("%-60s", row[0]));
            for (JsonNode run : runs) {
                table.append(String.format(" | %-24s", cell(run, row)));
            }
            table.append('\n');
        }
        table.append("machine: ").append(runs.get(0).path("machine").asText()).append('\n');
        System.out.println(table);
        ObjectNode all = json.createObjectNode();
        for (int i = 0; i < names.size(); i++) {
            all.set(names.get(i), runs.get(i));
        }
        all.put("table", table.toString());
        json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("bench.json").toFile(), all);
        Files.writeString(dir.resolve("bench.txt"), table);
    }

    private static String cell(JsonNode run, String[] row) {
        if (row[1].equals("errors")) {
            return run.at("/intake/1clients/errors").asText() + "/" + run.at("/intake/8clients/errors").asText() + "/"
                    + run.at("/intake/32clients/errors").asText();
        }
        if (row[1].startsWith("work:")) {
            JsonNode work = run.at(row[1].substring("work:".length()));
            return work.isMissingNode() ? "n/a" : work.path("commits").asText() + " / " + work.path("inserted").asText()
                    + " / " + work.path("updated").asText() + " / " + work.path("deleted").asText();
        }
        JsonNode node = run.at(row[1]);
        if (node.isObject() && node.has("p50ms")) {
            return node.get("p50ms").asText() + " / " + node.get("p95ms").asText()
                    + (node.has("p99ms") ? " / " + node.get("p99ms").asText() : "");
        }
        if (node.isArray()) {
            List<String> values = new ArrayList<>();
            node.forEach(value -> values.add(value.asText()));
            return String.join(" ", values);
        }
        String value = node.isMissingNode() || node.isNull() ? "n/a" : node.asText();
        return row[2] == null ? value : value + " (" + run.at(row[2]).asText() + ")";
    }

}
