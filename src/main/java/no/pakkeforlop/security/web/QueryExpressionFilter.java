package no.pakkeforlop.security.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.pakkeforlop.api.StrictJson;
import no.pakkeforlop.logging.LogText;
import no.pakkeforlop.security.FilterExpressions;
import no.pakkeforlop.security.web.DoorAnswers.Shape;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No expression arrives at the engine through engine REST or the web applications' API
 * (Tasklist's and Cockpit's calls): a query parameter or a JSON key that ends in
 * {@code Expression} ({@code candidateGroupExpression}, {@code dueAfterExpression}, ...),
 * at any depth of the body ({@code orQueries} included), is refused with 400 naming it,
 * whoever sends it. The one place an expression may stand is the query of a stored filter
 * being created or changed ({@code POST .../filter/create}, {@code PUT .../filter/{id}}),
 * and only one of {@link FilterExpressions}; whether the user may store it at all (an
 * operator) the engine decides ({@code security.PathwayGuard}). A JSON body with a key
 * given twice is refused too: two readers could take different values of it.
 */
final class QueryExpressionFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(QueryExpressionFilter.class);

    private static final Pattern STORED_FILTER = Pattern.compile(".*/filter/(create|[^/]+)$");

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH", "DELETE");

    private static final JsonFactory STRICT = JsonFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();

    private final ObjectMapper json;

    QueryExpressionFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String parameter = expressionParameter(request.getQueryString());
        if (parameter != null) {
            refuse(request, response, "Uttrykk tas ikke imot i en spørring (" + parameter + "). Bruk faste verdier.");
            return;
        }
        String type = request.getContentType();
        if (!WITH_BODY.contains(request.getMethod())
                || type != null && !type.toLowerCase(Locale.ROOT).contains("json")) {
            chain.doFilter(request, response);
            return;
        }
        CachedBody body = CachedBody.of(request);
        if (body == null) {
            DoorAnswers.write(response, json, Shape.CAMUNDA, HttpStatus.PAYLOAD_TOO_LARGE,
                    "Forespørselen er for stor (høyst " + CachedBody.LIMIT / (1024 * 1024) + " MB).",
                    "InvalidRequestException");
            return;
        }
        String refusal = judge(body, storedFilter(request));
        if (refusal != null) {
            refuse(request, response, refusal);
            return;
        }
        chain.doFilter(body, response);
    }

    private boolean storedFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        Matcher filter = STORED_FILTER.matcher(path);
        if (!filter.matches()) {
            return false;
        }
        return filter.group(1).equals("create") ? "POST".equals(request.getMethod())
                : "PUT".equals(request.getMethod());
    }

    /** The first query parameter named like an expression, or null. */
    static String expressionParameter(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            String name = pair.split("=", 2)[0];
            try {
                name = URLDecoder.decode(name, StandardCharsets.UTF_8);
            }
            catch (IllegalArgumentException malformed) {
                // judged as it is written
            }
            if (isExpressionKey(name)) {
                return name;
            }
        }
        return null;
    }

    static boolean isExpressionKey(String name) {
        return name.trim().toLowerCase(Locale.ROOT).endsWith("expression");
    }

    /** Why the body is refused, or null. */
    static String judge(CachedBody body, boolean storedFilter) throws IOException {
        if (body.body().length == 0) {
            return null;
        }
        // the keys above the current value: a stored filter's query is the object under
        // the top-level key "query"
        Deque<String> path = new ArrayDeque<>();
        try (JsonParser parser = STRICT.createParser(body.body())) {
            String field = null;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> {
                        path.push(field == null ? "" : field);
                        field = null;
                    }
                    case END_OBJECT, END_ARRAY -> {
                        if (!path.isEmpty()) {
                            path.pop();
                        }
                        field = null;
                    }
                    case FIELD_NAME -> {
                        field = parser.currentName();
                        if (isExpressionKey(field)) {
                            boolean inQuery = storedFilter && path.size() >= 2
                                    && "query".equals(path.toArray(String[]::new)[path.size() - 2]);
                            if (!inQuery) {
                                return "Uttrykk tas ikke imot i en spørring (" + field + "). Bruk faste verdier.";
                            }
                            JsonToken value = parser.nextToken();
                            if (value != JsonToken.VALUE_STRING || !FilterExpressions.allowed(parser.getText())) {
                                return "Filteret inneholder et uttrykk som ikke er tillatt (" + field
                                        + "). Tillatt er bare ${currentUser()}, ${currentUserGroups()}, ${now()} og "
                                        + "${dateTime()} med plusDays(n) o.l., withTimeAtStartOfDay() og toDate().";
                            }
                            field = null;
                        }
                    }
                    default -> field = null;
                }
            }
        }
        catch (JsonParseException malformed) {
            Optional<String> duplicate = StrictJson.duplicateKey(malformed);
            if (duplicate.isPresent()) {
                return StrictJson.duplicateKeyMessage(duplicate.get());
            }
            // not JSON at all: the door itself says so (400)
        }
        return null;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
        LOG.warn("Refused {} {}: {}", request.getMethod(), LogText.safe(request.getRequestURI()), message);
        DoorAnswers.write(response, json, Shape.CAMUNDA, HttpStatus.BAD_REQUEST, message, "InvalidRequestException");
    }

}
