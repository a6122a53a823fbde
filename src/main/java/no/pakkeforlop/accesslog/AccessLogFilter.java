package no.pakkeforlop.accesslog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.UrlPathHelper;

/**
 * Records who read or changed which patient's pathway through {@code /api},
 * {@code /engine-rest} and the web applications' own REST calls
 * ({@code /camunda/api/...}, which Tasklist, Cockpit and Admin make). After the request,
 * the pathways it carried are found in the address ({@code /api/pathways/{referralId}},
 * {@code task/{id}}, {@code process-instance/{id}}, ...), the query parameters that
 * select a pathway and the JSON answer ({@code referralId}, {@code businessKey},
 * {@code processInstanceId}, {@code rootProcessInstanceId}); only ids of the pathway's
 * referrals count. One row per pathway; a request that carried none is not recorded. The
 * user is the one of HTTP Basic or of the web application's session; a request without
 * one (401) is not recorded.
 *
 * <p>
 * A read whose record cannot be written is not answered (503): no patient data leaves
 * without its trace.
 */
public class AccessLogFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(AccessLogFilter.class);

    private static final int MAX_JSON_BYTES = 20 * 1024 * 1024;

    private static final Pattern PATHWAY_API = Pattern.compile("^/api/pathways/([^/]+)");

    /**
     * The engine's REST API, as /engine-rest/... or as the web applications'
     * /camunda/api/engine/engine/{name}/...
     */
    private static final Pattern ENGINE_REST = Pattern
        .compile("^(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)(/.*)$");

    private static final Pattern TASK = Pattern.compile("^/task/([^/]+)");

    private static final Pattern PROCESS_INSTANCE = Pattern.compile("^/(?:history/)?process-instance/([^/]+)");

    private static final Pattern EXECUTION = Pattern.compile("^/execution/([^/]+)");

    private static final Set<String> JSON_REFERRAL_FIELDS = Set.of("referralId", "businessKey",
            "processInstanceBusinessKey");

    private static final Set<String> JSON_INSTANCE_FIELDS = Set.of("processInstanceId", "rootProcessInstanceId");

    private static final Set<String> QUERY_REFERRAL_PARAMETERS = Set.of("referralId", "businessKey",
            "processInstanceBusinessKey");

    private static final Set<String> QUERY_INSTANCE_PARAMETERS = Set.of("processInstanceId", "processInstanceIds",
            "processInstanceIdIn", "rootProcessInstanceId");

    /** Engine REST queries sent as POST (a body with the query): reads, not changes. */
    private static final Set<String> QUERY_RESOURCES = Set.of("task", "process-instance", "execution",
            "variable-instance", "incident", "job", "external-task", "case-instance", "case-execution");

    private static final UrlPathHelper PATHS = new UrlPathHelper();

    /**
     * Figures and the at-risk list (the Cockpit plugin's data too): referral ids, dates
     * and hospitals, never a name or national id, for leaders and coordinators watching
     * the standard times. Logging thousands of referral ids per look would bury the
     * patients' own log; the pathway itself, read through any door, is recorded.
     */
    private static final Pattern PSEUDONYMOUS = Pattern.compile("^/api/(reports|worklist)/");

    private final AccessLog log;

    private final ObjectProvider<ProcessEngine> engine;

    private final ObjectMapper json;

    public AccessLogFilter(AccessLog log, ObjectProvider<ProcessEngine> engine, ObjectMapper json) {
        this.log = log;
        this.engine = engine;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // decoded and without ;parameters, as the REST layers see it: /task/%61... names
        // the same task as /task/a...
        String path = PATHS.getPathWithinApplication(request);
        if (!recorded(path)) {
            chain.doFilter(request, response);
            return;
        }
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, answer);
        }
        finally {
            List<AccessLog.Entry> entries = List.of();
            boolean written = true;
            try {
                entries = entries(request, path, answer);
                log.append(entries);
            }
            catch (RuntimeException e) {
                written = false;
                LOG.error("Could not write the access log for {} {}", request.getMethod(), path, e);
            }
            if (!written && !entries.isEmpty() && "GET".equals(request.getMethod()) && !answer.isCommitted()) {
                answer.resetBuffer();
                answer.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
                answer.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                answer.setCharacterEncoding(StandardCharsets.UTF_8.name());
                answer.getWriter()
                    .write("{\"status\":503,\"title\":\"Service Unavailable\",\"detail\":\"Tilgangen kunne "
                            + "ikke logges, og pasientdata vises derfor ikke. Prøv igjen senere.\"}");
            }
            answer.copyBodyToResponse();
        }
    }

    /**
     * Patient data travels through the pathway API, the engine's REST API and the web
     * applications' REST calls.
     */
    static boolean recorded(String path) {
        return (path.startsWith("/api/") && !PSEUDONYMOUS.matcher(path).find() && !path.equals("/api/access-log"))
                || path.startsWith("/engine-rest/")
                || (path.startsWith("/camunda/api/") && !path.startsWith("/camunda/api/cockpit/plugin/pakkeforlop/"));
    }

    List<AccessLog.Entry> entries(HttpServletRequest request, String path, ContentCachingResponseWrapper answer) {
        int status = answer.getStatus();
        if (status == HttpStatus.UNAUTHORIZED.value()) {
            return List.of();
        }
        ProcessEngine processEngine = engine.getIfAvailable();
        if (processEngine == null) {
            return List.of();
        }
        IdentityService identity = processEngine.getIdentityService();
        // look up as the system, whatever the request's user may see
        Authentication current = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            String[] who = user(request, path, identity);
            if (who == null) {
                return List.of();
            }
            Set<String> referralIds = new LinkedHashSet<>();
            Set<String> instanceIds = new LinkedHashSet<>();
            fromAddress(path, processEngine, referralIds, instanceIds);
            fromParameters(request, referralIds, instanceIds);
            fromAnswer(answer, referralIds, instanceIds);
            if (referralIds.isEmpty() && instanceIds.isEmpty()) {
                return List.of();
            }
            Map<String, String> pathways = log.referrals(instanceIds, referralIds);
            if (pathways.isEmpty()) {
                return List.of();
            }
            Instant at = Instant.now();
            String action = action(request.getMethod(), path);
            String resource = request.getMethod() + " " + path;
            String client = request.getRemoteAddr();
            List<AccessLog.Entry> entries = new ArrayList<>();
            pathways.forEach((referralId, processInstanceId) -> entries.add(new AccessLog.Entry(at, who[0], who[1],
                    referralId, processInstanceId, action, resource, client, status)));
            return entries;
        }
        finally {
            if (current != null) {
                identity.setAuthentication(current);
            }
        }
    }

    /**
     * The user and their groups as the door checked them: HTTP Basic on the API and the
     * engine REST (a wrong password is 401, never logged), the web application's session
     * on /camunda/api (which ignores an Authorization header, so one sent there must not
     * name the user).
     */
    private static String[] user(HttpServletRequest request, String path, IdentityService identity) {
        boolean webapp = path.startsWith("/camunda/api/");
        String userId = webapp ? null : basicUser(request.getHeader(HttpHeaders.AUTHORIZATION));
        List<String> groups = null;
        if (webapp) {
            HttpSession session = request.getSession(false);
            Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
            if (authentications != null) {
                for (UserAuthentication authentication : authentications.getAuthentications()) {
                    userId = authentication.getIdentityId();
                    groups = authentication.getGroupIds();
                    break;
                }
            }
        }
        if (userId == null) {
            return null;
        }
        if (groups == null) {
            groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
        }
        return new String[] { userId, String.join(",", groups) };
    }

    private static String basicUser(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? null : decoded.substring(0, colon);
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void fromAddress(String path, ProcessEngine engine, Set<String> referralIds,
            Set<String> instanceIds) {
        Matcher pathway = PATHWAY_API.matcher(path);
        if (pathway.find()) {
            referralIds.add(pathway.group(1));
            return;
        }
        Matcher rest = ENGINE_REST.matcher(path);
        if (!rest.matches()) {
            return;
        }
        String resource = rest.group(1);
        Matcher task = TASK.matcher(resource);
        if (task.find() && !task.group(1).equals("count")) {
            HistoryService history = engine.getHistoryService();
            HistoricTaskInstance found = history.createHistoricTaskInstanceQuery().taskId(task.group(1)).singleResult();
            if (found != null && found.getProcessInstanceId() != null) {
                instanceIds.add(found.getProcessInstanceId());
            }
            return;
        }
        Matcher instance = PROCESS_INSTANCE.matcher(resource);
        if (instance.find()) {
            instanceIds.add(instance.group(1));
            return;
        }
        Matcher execution = EXECUTION.matcher(resource);
        if (execution.find()) {
            Execution found = engine.getRuntimeService()
                .createExecutionQuery()
                .executionId(execution.group(1))
                .singleResult();
            if (found != null) {
                instanceIds.add(found.getProcessInstanceId());
            }
        }
    }

    private static void fromParameters(HttpServletRequest request, Set<String> referralIds, Set<String> instanceIds) {
        request.getParameterMap().forEach((name, values) -> {
            Set<String> target = QUERY_REFERRAL_PARAMETERS.contains(name) ? referralIds
                    : QUERY_INSTANCE_PARAMETERS.contains(name) ? instanceIds : null;
            if (target != null) {
                for (String value : values) {
                    for (String one : value.split(",")) {
                        if (!one.isBlank()) {
                            target.add(one.trim());
                        }
                    }
                }
            }
        });
    }

    private void fromAnswer(ContentCachingResponseWrapper answer, Set<String> referralIds, Set<String> instanceIds) {
        String type = answer.getContentType();
        byte[] body = answer.getContentAsByteArray();
        if (type == null || body.length == 0 || body.length > MAX_JSON_BYTES) {
            return;
        }
        if (type.contains("json")) {
            try {
                walk(json.readTree(body), referralIds, instanceIds);
            }
            catch (IOException e) {
                // not JSON after all: nothing to find in it
            }
        }
        else if (type.startsWith("text/csv")) {
            csv(new String(body, StandardCharsets.UTF_8), referralIds);
        }
    }

    private static void walk(JsonNode node, Set<String> referralIds, Set<String> instanceIds) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(child -> walk(child, referralIds, instanceIds));
        }
        else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (value.isTextual() && JSON_REFERRAL_FIELDS.contains(field.getKey())) {
                    referralIds.add(value.asText());
                }
                else if (value.isTextual() && JSON_INSTANCE_FIELDS.contains(field.getKey())) {
                    instanceIds.add(value.asText());
                }
                else if (value.isContainerNode()) {
                    walk(value, referralIds, instanceIds);
                }
            }
        }
    }

    /**
     * The referral ids of a CSV answer with a {@code referralId} column (the code
     * export).
     */
    private static void csv(String text, Set<String> referralIds) {
        String[] lines = text.split("\r?\n");
        if (lines.length == 0) {
            return;
        }
        List<String> header = List.of(lines[0].split(","));
        int column = header.indexOf("referralId");
        if (column < 0) {
            return;
        }
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            if (cells.length > column) {
                String cell = cells[column].trim();
                if (cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")) {
                    cell = cell.substring(1, cell.length() - 1).replace("\"\"", "\"");
                }
                if (!cell.isEmpty()) {
                    referralIds.add(cell);
                }
            }
        }
    }

    /**
     * READ or CHANGE: GET is a read, and so is a query the engine's REST API takes as
     * POST.
     */
    static String action(String method, String path) {
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return "READ";
        }
        if ("POST".equals(method)) {
            Matcher rest = ENGINE_REST.matcher(path);
            if (rest.matches()) {
                String[] segments = rest.group(1).substring(1).split("/");
                boolean query = segments.length == 1 && QUERY_RESOURCES.contains(segments[0])
                        || segments.length == 2 && segments[0].equals("history")
                        || segments[segments.length - 1].equals("count");
                if (query) {
                    return "READ";
                }
            }
            if (path.startsWith("/camunda/api/cockpit/") || path.startsWith("/camunda/api/tasklist/")) {
                return path.contains("/count") || path.endsWith("/query") ? "READ" : "CHANGE";
            }
        }
        return "CHANGE";
    }

}
