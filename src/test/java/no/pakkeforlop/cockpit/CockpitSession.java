package no.pakkeforlop.cockpit;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A browser-like session of Camunda's web applications: logs in to an app as a user and
 * keeps its cookies.
 */
public final class CockpitSession {

    private final String base;

    private final CookieManager cookies = new CookieManager();

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

    private CockpitSession(int port) {
        this.base = "http://localhost:" + port;
    }

    /**
     * Logs in through Camunda's login of the given app (cockpit, tasklist), as the login
     * page does.
     */
    public static CockpitSession login(int port, String app, String user, String password) {
        CockpitSession session = new CockpitSession(port);
        // the app's page hands out the CSRF token (cookie XSRF-TOKEN) that the login must
        // send back as a header
        session.get("/camunda/app/" + app + "/default/");
        String csrf = session.cookies.getCookieStore()
            .getCookies()
            .stream()
            .filter(c -> c.getName().equals("XSRF-TOKEN"))
            .map(java.net.HttpCookie::getValue)
            .findFirst()
            .orElse("");
        HttpResponse<String> response = session
            .send(HttpRequest.newBuilder(URI.create(session.base + "/camunda/api/admin/auth/user/default/login/" + app))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("X-XSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)))
                .build());
        if (response.statusCode() != 200) {
            throw new AssertionError(
                    "Login of " + user + " to " + app + " refused: " + response.statusCode() + " " + response.body());
        }
        return session;
    }

    public static CockpitSession anonymous(int port) {
        return new CockpitSession(port);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json").GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
