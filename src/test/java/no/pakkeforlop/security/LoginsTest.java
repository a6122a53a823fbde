package no.pakkeforlop.security;

import static no.pakkeforlop.testsupport.TestData.ADMIN;
import static no.pakkeforlop.testsupport.TestData.COORDINATOR;
import static no.pakkeforlop.testsupport.TestData.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Issue 12, finding 6: ten wrong guesses locked a user for good (anyone could lock out an
 * integration user), password "a" was accepted, web-application logins were not audited.
 * Now a wrong password makes the user wait a while, never for good; guesses from one
 * address are limited; the password policy holds; logins are logged.
 */
class LoginsTest extends SecurityTestSupport {

    static final String INTEGRATION = "integrasjon";

    private void integrationUser() {
        if (identity.createUserQuery().userId(INTEGRATION).count() == 0) {
            User user = identity.newUser(INTEGRATION);
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(INTEGRATION, StaffGroups.COORDINATOR);
        }
    }

    /**
     * A request from this client address (through the trusted proxy, X-Forwarded-For).
     */
    private ResponseEntity<String> from(String address, String user, String password, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, password);
        if (address != null) {
            headers.set("X-Forwarded-For", address);
        }
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    @Test
    void aStrangersWrongGuessesStopAtHisOwnAddressAndNeverLockTheUserOutElsewhere() {
        integrationUser();
        Instant now = Instant.now();
        ClockUtil.setCurrentTime(Date.from(now));
        java.util.List<Integer> answers = new java.util.ArrayList<>();
        for (int guess = 1; guess <= 12; guess++) {
            answers.add(from("10.66.0.1", INTEGRATION, "gjett-" + guess, "/engine-rest/task").getStatusCode().value());
            // past the engine's delay after each wrong password, so that every guess
            // counts
            ClockUtil.setCurrentTime(Date.from(now.plusSeconds(guess * 120L)));
        }
        // ten wrong passwords for this user from this address, then 429 (with
        // Retry-After)
        assertThat(answers.subList(0, 10)).containsOnly(401);
        assertThat(answers.subList(10, 12)).containsOnly(429);
        ResponseEntity<String> limited = from("10.66.0.1", INTEGRATION, PASSWORD, "/engine-rest/task");
        assertThat(limited.getStatusCode().value()).as("even the right password waits there").isEqualTo(429);
        assertThat(limited.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
        // the user's own address is not held up: the engine's short delay has passed
        ClockUtil.setCurrentTime(Date.from(now.plusSeconds(13 * 120L + 4)));
        assertThat(from("10.66.0.2", INTEGRATION, PASSWORD, "/engine-rest/task").getStatusCode().value())
            .isEqualTo(200);
        assertThat(identity.checkPassword(INTEGRATION, PASSWORD)).isTrue();
    }

    /**
     * Issue 21, finding 3: wrong passwords through a path parameter of the web login and
     * through /actuator were never counted. Every door now counts toward one limit per
     * user from an address, and the path parameter is refused before any login.
     */
    @Test
    void wrongPasswordsOnEveryDoorCountTowardOneLimitAndEveryFailureIsLogged() {
        integrationUser();
        Instant now = Instant.now();
        String address = "10.67.0.1";
        java.util.List<Integer> answers = new java.util.ArrayList<>();
        try (LogCapture log = new LogCapture()) {
            String[] doors = { "/actuator/metrics", "/engine-rest/task", "/api/codes", "web",
                    "/actuator/health/liveness" };
            for (int guess = 1; guess <= 10; guess++) {
                ClockUtil.setCurrentTime(Date.from(now.plusSeconds(guess * 120L)));
                String door = doors[guess % doors.length];
                answers.add(door.equals("web")
                        ? webLogin(address, "gjett-" + guess, "/camunda/api/admin/auth/user/default/login/tasklist")
                        : from(address, INTEGRATION, "gjett-" + guess, door).getStatusCode().value());
            }
            long until = System.currentTimeMillis() + 5000;
            while (!log.text().contains("from " + address + " (actuator)") && System.currentTimeMillis() < until) {
                Thread.onSpinWait();
            }
            assertThat(log.text()).as("a failure at /actuator is logged with its address")
                .contains("Failed login for user " + INTEGRATION + " from " + address + " (actuator)");
        }
        // a wrong password is 401 at every door (at the probes too, which ask for none)
        assertThat(answers).containsOnly(401);
        ClockUtil.setCurrentTime(Date.from(now.plusSeconds(11 * 120L)));
        // the limit holds at every door, /actuator and the web login included
        assertThat(from(address, INTEGRATION, PASSWORD, "/actuator/metrics").getStatusCode().value()).isEqualTo(429);
        assertThat(from(address, INTEGRATION, PASSWORD, "/engine-rest/task").getStatusCode().value()).isEqualTo(429);
        assertThat(webLogin(address, PASSWORD, "/camunda/api/admin/auth/user/default/login/tasklist")).isEqualTo(429);

        // a path parameter in the login address is refused before any password check
        String other = "10.67.0.2";
        for (int guess = 1; guess <= 12; guess++) {
            assertThat(webLogin(other, "gjett-" + guess, "/camunda/api/admin/auth;x=1/user/default/login/welcome"))
                .isEqualTo(400);
        }
        ClockUtil.setCurrentTime(Date.from(now.plusSeconds(13 * 120L)));
        assertThat(from(other, INTEGRATION, PASSWORD, "/engine-rest/task").getStatusCode().value()).isEqualTo(200);
    }

    /**
     * A web application login as the integration user, from {@code address} when given.
     */
    private int webLogin(String address, String password, String path) {
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", INTEGRATION);
        form.add("password", password);
        HttpHeaders headers = webappSession();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        if (address != null) {
            headers.set("X-Forwarded-For", address);
        }
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(form, headers), String.class)
            .getStatusCode()
            .value();
    }

    @Test
    void weakPasswordsAreRefused() {
        User user = identity.newUser("svakt-passord");
        user.setPassword("a");
        assertThatThrownBy(() -> identity.saveUser(user)).isInstanceOf(ProcessEngineException.class);
        assertThat(identity.createUserQuery().userId("svakt-passord").count()).isZero();

        String body = "{\"profile\":{\"id\":\"svakt2\",\"firstName\":\"S\",\"lastName\":\"P\"},"
                + "\"credentials\":{\"password\":\"a\"}}";
        ResponseEntity<String> created = post(ADMIN, "/engine-rest/user/create", body);
        // Camunda's REST maps the policy's refusal to 500, with the policy's message
        assertThat(created.getStatusCode().value()).as(created.getBody()).isIn(400, 500);
        assertThat(json(created).path("message").asText()).contains("Password does not match policy");
        assertThat(identity.createUserQuery().userId("svakt2").count()).isZero();
        // nor may staff weaken their own
        ResponseEntity<String> own = put(COORDINATOR, "/engine-rest/user/" + COORDINATOR + "/credentials",
                "{\"password\":\"a\",\"authenticatedUserPassword\":\"" + PASSWORD + "\"}");
        assertThat(own.getStatusCode().value()).as(own.getBody()).isIn(400, 500);
        assertThat(identity.checkPassword(COORDINATOR, PASSWORD)).isTrue();
    }

    @Test
    void webApplicationLoginsAndFailedRestLoginsAreLogged() {
        integrationUser();
        try (LogCapture log = new LogCapture()) {
            loginTwiceAndGuessOnce();
            // the server logs a failed HTTP Basic login just after it has answered
            long until = System.currentTimeMillis() + 5000;
            while (!log.text().contains("Failed login for user " + INTEGRATION + " from")
                    && System.currentTimeMillis() < until) {
                Thread.onSpinWait();
            }
            assertThat(log.text()).contains("Failed login attempt for user " + INTEGRATION)
                .contains("Successful login for user " + INTEGRATION)
                .contains("Failed login for user " + INTEGRATION + " from");
        }
    }

    private void loginTwiceAndGuessOnce() {
        int hours = 0;
        java.util.List<String> answers = new java.util.ArrayList<>();
        for (String password : new String[] { "feil-passord", PASSWORD }) {
            // past any login delay
            ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofHours(++hours))));
            answers.add(HttpStatusCode
                .valueOf(webLogin(null, password, "/camunda/api/admin/auth/user/default/login/tasklist"))
                .toString());
        }
        assertThat(answers).containsExactly("401 UNAUTHORIZED", "200 OK");
        http.withBasicAuth(INTEGRATION, "feil").getForEntity("/api/codes", String.class);
    }

    /**
     * The session and XSRF cookies Tasklist's page sets, and the XSRF header its login
     * form sends.
     */
    private HttpHeaders webappSession() {
        ResponseEntity<String> page = http.getForEntity("/camunda/app/tasklist/default/", String.class);
        HttpHeaders headers = new HttpHeaders();
        java.util.List<String> cookies = new java.util.ArrayList<>();
        for (String cookie : page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)) {
            String pair = cookie.split(";", 2)[0];
            cookies.add(pair);
            if (pair.startsWith("XSRF-TOKEN=")) {
                headers.set("X-XSRF-TOKEN", pair.substring("XSRF-TOKEN=".length()));
            }
        }
        headers.set(HttpHeaders.COOKIE, String.join("; ", cookies));
        return headers;
    }

    @Test
    void oneAddressAndOneUserFromItGetALimitedNumberOfFailedLoginsThenWait() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-05-04T10:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        LoginAttempts limit = new LoginAttempts(3, 2, Duration.ofMinutes(15), clock);
        limit.failed("10.0.0.1", "kari", "api");
        assertThat(limit.blockedFor("10.0.0.1", "kari")).isZero();
        limit.failed("10.0.0.1", "kari", "api");
        assertThat(limit.blockedFor("10.0.0.1", "kari")).as("this user from this address").isPositive();
        assertThat(limit.blockedFor("10.0.0.1", "ola")).as("another user from it").isZero();
        assertThat(limit.blockedFor("10.0.0.2", "kari")).as("the same user elsewhere").isZero();
        limit.failed("10.0.0.1", "ola", "web");
        assertThat(limit.blockedFor("10.0.0.1", "per")).as("the address, for anyone").isBetween(1L, 900L);
        assertThat(limit.blockedFor(null, "kari")).as("the application's own checks").isZero();
        now.set(now.get().plus(Duration.ofMinutes(16)));
        assertThat(limit.blockedFor("10.0.0.1", "kari")).isZero();
        assertThat(limit.blockedFor("10.0.0.1", "per")).isZero();
        // the right password forgets this user's failures from the address, not the
        // address's
        limit.failed("10.0.0.1", "kari", "api");
        limit.succeeded("10.0.0.1", "kari");
        limit.failed("10.0.0.1", "kari", "api");
        assertThat(limit.blockedFor("10.0.0.1", "kari")).isZero();
        assertThatThrownBy(() -> new LoginAttempts(0, 1, Duration.ofMinutes(1), clock))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("pakkeforlop.security.login-limit");
    }

}
