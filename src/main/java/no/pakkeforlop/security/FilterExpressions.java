package no.pakkeforlop.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.query.Query;

/**
 * The only expressions the engine evaluates in a task query: those of a stored Tasklist
 * filter, and only of the forms Tasklist's filters use, checked here before they are
 * stored and again before a stored filter runs:
 * <ul>
 * <li>{@code ${currentUser()}}, {@code ${currentUserGroups()}}, {@code ${now()}};</li>
 * <li>{@code ${dateTime()}} followed by Joda-Time's calendar steps only
 * ({@code .plusDays(3)}, {@code .minusWeeks(1)}, {@code .withTimeAtStartOfDay()}, ...)
 * and at most one {@code .toDate()} at the end.</li>
 * </ul>
 * Anything else (a method on another object, a bean, a class, a property, an operator) is
 * refused, so a filter cannot run code on the server. Ad hoc queries carry no expression
 * at all (the engine refuses them at the top; {@link PathwayGuard} in {@code or}-queries,
 * {@code security.web.QueryExpressionFilter} at every door).
 */
public final class FilterExpressions {

    private static final String CALL = "\\(\\s*\\)";

    private static final String STEP = "\\s*\\.\\s*(?:(?:plus|minus)(?:Years|Months|Weeks|Days|Hours|Minutes|Seconds)"
            + "\\(\\s*\\d{1,4}\\s*\\)|withTimeAtStartOfDay" + CALL + ")";

    private static final Pattern ALLOWED = Pattern.compile("\\$\\{\\s*(?:(?:currentUser|currentUserGroups|now)" + CALL
            + "|dateTime" + CALL + "(?:" + STEP + ")*(?:\\s*\\.\\s*toDate" + CALL + ")?)\\s*}");

    private FilterExpressions() {
    }

    /** Whether this expression is one a stored filter may hold. */
    public static boolean allowed(String expression) {
        return expression != null && expression.length() <= 500 && ALLOWED.matcher(expression).matches();
    }

    /**
     * The expressions of a task query and its {@code or}-queries, as "key: expression"
     * ({@code key} as the REST API names it, e.g. {@code assigneeExpression}); empty for
     * any other query.
     */
    public static List<Map.Entry<String, String>> of(Query<?, ?> query) {
        List<Map.Entry<String, String>> found = new ArrayList<>();
        if (query instanceof TaskQueryImpl task) {
            collect(task, found);
            if (task.getQueries() != null) {
                for (TaskQueryImpl or : task.getQueries()) {
                    if (or != task) {
                        collect(or, found);
                    }
                }
            }
        }
        return found;
    }

    /**
     * The expressions of the {@code or}-queries only (the engine checks the top itself).
     */
    public static List<Map.Entry<String, String>> ofOrQueries(Query<?, ?> query) {
        List<Map.Entry<String, String>> found = new ArrayList<>();
        if (query instanceof TaskQueryImpl task && task.getQueries() != null) {
            for (TaskQueryImpl or : task.getQueries()) {
                if (or != task) {
                    collect(or, found);
                }
            }
        }
        return found;
    }

    private static void collect(TaskQueryImpl query, List<Map.Entry<String, String>> found) {
        if (query.getExpressions() != null) {
            query.getExpressions().forEach((name, expression) -> found.add(Map.entry(restName(name), expression)));
        }
    }

    /** taskAssignee → assigneeExpression, dueBefore → dueBeforeExpression. */
    private static String restName(String name) {
        String bare = name.startsWith("task") && name.length() > 4
                ? Character.toLowerCase(name.charAt(4)) + name.substring(5) : name;
        return bare + "Expression";
    }

}
