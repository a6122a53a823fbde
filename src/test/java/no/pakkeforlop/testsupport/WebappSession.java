package no.pakkeforlop.testsupport;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A browser's session with Camunda's web applications, as Tasklist and Cockpit make their
 * own REST calls: logged in with the session cookie, the CSRF token from the XSRF-TOKEN
 * cookie in the X-XSRF-TOKEN header, and a Referer.
 */
public final class WebappSession {

    private final String base;

    private final CookieManager cookies = new CookieManager();

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();

    private WebappSession(String base) {
        this.base = base;
    }

    public static WebappSession login(int port, String app, String user, String password) {
        WebappSession session = new WebappSession("http://localhost:" + port);
        session.get("/camunda/app/" + app + "/default/");
        HttpResponse<String> login = session.send("POST", "/camunda/api/admin/auth/user/default/login/" + app,
                "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded");
        if (login.statusCode() != 200) {
            throw new AssertionError(
                    "Login to " + app + " as " + user + ": " + login.statusCode() + " " + login.body());
        }
        // the login starts a new session; its CSRF token comes with the next GET
        session.get("/camunda/api/admin/auth/user/default");
        return session;
    }

    public HttpResponse<String> get(String path) {
        return send("GET", path, null, null);
    }

    public HttpResponse<String> post(String path, String json) {
        return send("POST", path, json, "application/json");
    }

    /**
     * A GET with one more header, e.g. an Authorization header the web applications do
     * not look at.
     */
    public HttpResponse<String> get(String path, String header, String value) {
        return send("GET", path, null, null, header, value);
    }

    private HttpResponse<String> send(String method, String path, String body, String contentType, String... header) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
            .header("Accept", "application/json, text/plain, */*")
            .header("Referer", base + "/camunda/app/")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (header.length == 2) {
            request.header(header[0], header[1]);
        }
        cookies.getCookieStore()
            .getCookies()
            .stream()
            .filter(c -> c.getName().equals("XSRF-TOKEN"))
            .map(HttpCookie::getValue)
            .findFirst()
            .ifPresent(token -> request.header("X-XSRF-TOKEN", token));
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
