package no.pakkeforlop.security.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import no.pakkeforlop.security.Access;
import no.pakkeforlop.security.CurrentRequest;
import no.pakkeforlop.security.EngineRestErrors;
import no.pakkeforlop.security.LoginAttempts;
import no.pakkeforlop.security.web.DoorAnswers.Shape;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The doors of the application, one {@link SecurityFilterChain} each, on Spring Security
 * (README "Sikkerhet"):
 * <ul>
 * <li>{@code /actuator}: the two probes for anybody, everything else HTTP Basic of an
 * operator ({@code camunda-admin});</li>
 * <li>{@code /api}: HTTP Basic against the engine's users, and the group rules of
 * {@link Access} as request matchers;</li>
 * <li>{@code /engine-rest}: HTTP Basic; then the engine's authorizations and
 * {@code security.PathwayGuard} decide; no expression passes
 * ({@link QueryExpressionFilter});</li>
 * <li>{@code /camunda/api}: the web applications' own session login (Camunda's), with the
 * login limit's 429 ({@link LoginThrottleFilter}) and no expression;</li>
 * <li>{@code /camunda} (the applications' pages) and everything else (the OpenAPI
 * description, the banner): open, headers only.</li>
 * </ul>
 * On every door the {@link StrictHttpFirewall} refuses path parameters ({@code ;x}),
 * encoded slashes, periods and percent signs, backslashes and control characters (400),
 * and the response headers come from {@code headers()}: {@code nosniff}, frame options,
 * HSTS over HTTPS, and {@code no-store} on every answer with data. A request that has
 * authenticated runs as its user in the engine ({@link EngineIdentityFilter}). Sessions
 * exist only where Camunda's web applications keep theirs. This is also where a single
 * sign-on (OIDC) door will go.
 */
@Configuration
@EnableWebSecurity
public class Doors {

    static final String API_UNAUTHORIZED = "Oppgi gyldig brukernavn og passord (HTTP Basic) for å bruke API-et.";

    static final String FORBIDDEN = "Du har ikke tilgang til dette. Kontakt en administrator hvis du trenger "
            + "tilgang.";

    /** What a load balancer or an orchestrator may ask without credentials. */
    static final List<String> PROBES = List.of("/actuator/health/liveness", "/actuator/health/readiness");

    private final ObjectProvider<IdentityService> identity;

    private final ObjectProvider<LoginAttempts> attempts;

    private final ObjectMapper json;

    private final ObjectProvider<RequestMappingHandlerMapping> endpoints;

    private final PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();

    public Doors(ObjectProvider<IdentityService> identity, ObjectProvider<LoginAttempts> attempts, ObjectMapper json,
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> endpoints) {
        this.identity = identity;
        this.attempts = attempts;
        this.json = json;
        this.endpoints = endpoints;
    }

    /** HTTP Basic against the engine's users, for every door that takes it. */
    @Bean
    AuthenticationProvider engineUsers() {
        return new EngineUserAuthentication(identity, attempts);
    }

    /**
     * Engine REST's error answers without internal texts, around its whole door (the
     * refusals of the chain below included).
     */
    @Bean
    FilterRegistrationBean<EngineRestErrors> engineRestErrors() {
        FilterRegistrationBean<EngineRestErrors> registration = new FilterRegistrationBean<>(new EngineRestErrors());
        registration.setName("engine-rest-errors");
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /**
     * The request of each thread, for the login limit of password checks in the engine.
     */
    @Bean
    FilterRegistrationBean<CurrentRequest> currentRequest() {
        FilterRegistrationBean<CurrentRequest> registration = new FilterRegistrationBean<>(new CurrentRequest());
        registration.setName("current-request");
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    HttpFirewall firewall() {
        return new StrictHttpFirewall();
    }

    @Bean
    RequestRejectedHandler firewallRefusal() {
        return DoorAnswers.rejected(json);
    }

    @Bean
    @Order(1)
    SecurityFilterChain actuator(HttpSecurity http) throws Exception {
        DoorAnswers answers = new DoorAnswers(json, Shape.PROBLEM, "pakkeforlop-drift",
                "Oppgi brukernavn og passord til en driftsansvarlig (HTTP Basic).",
                "Bare administratorer (camunda-admin) har tilgang til driftsdata.");
        RequestMatcher[] probes = PROBES.stream()
            .flatMap(probe -> java.util.stream.Stream.of(paths.matcher(HttpMethod.GET, probe),
                    paths.matcher(HttpMethod.HEAD, probe)))
            .toArray(RequestMatcher[]::new);
        return basic(
                http.securityMatcher(new OrRequestMatcher(paths.matcher("/actuator"), paths.matcher("/actuator/**"))),
                answers)
            .authorizeHttpRequests(
                    rules -> rules.requestMatchers(probes).permitAll().anyRequest().hasAuthority(Groups.CAMUNDA_ADMIN))
            .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        DoorAnswers answers = new DoorAnswers(json, Shape.PROBLEM, "pakkeforlop", API_UNAUTHORIZED, FORBIDDEN);
        return basic(http.securityMatcher(paths.matcher("/api/**")), answers)
            .authorizeHttpRequests(rules -> rules.requestMatchers(paths.matcher("/api/referrals/**"))
                .hasAnyAuthority(Access.withOperators(Access.REFERRALS))
                .requestMatchers(paths.matcher(HttpMethod.GET, "/api/pathways/*"))
                .hasAnyAuthority(Access.withOperators(Access.PATHWAY_STATUS))
                .requestMatchers(paths.matcher("/api/pathways/**"))
                .hasAnyAuthority(Access.withOperators(Access.PATHWAY_CHANGES))
                .requestMatchers(paths.matcher("/api/codes/**"))
                .hasAnyAuthority(Access.withOperators(Access.CODE_EXPORT))
                .requestMatchers(paths.matcher("/api/reports/**"))
                .hasAnyAuthority(Access.withOperators(Access.REPORTS))
                .requestMatchers(paths.matcher("/api/worklist/**"))
                .hasAnyAuthority(Access.withOperators(Access.AT_RISK))
                .requestMatchers(paths.matcher("/api/access-log/**"))
                .hasAnyAuthority(Access.withOperators(Access.ACCESS_LOG))
                // a new endpoint is an operator's until it has a rule here: access is
                // granted, never assumed; an address no endpoint has is 404 for anyone
                .anyRequest()
                .access(operatorsOrNoEndpoint()))
            .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain engineRest(HttpSecurity http) throws Exception {
        DoorAnswers answers = new DoorAnswers(json, Shape.CAMUNDA, "pakkeforlop", "Innlogging kreves (HTTP Basic).",
                "Du har ikke tilgang til dette.");
        return basic(http.securityMatcher(paths.matcher("/engine-rest/**")), answers)
            .addFilterAfter(new QueryExpressionFilter(json), EngineIdentityFilter.class)
            .authorizeHttpRequests(rules -> rules.anyRequest().authenticated())
            .build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain webappsApi(HttpSecurity http) throws Exception {
        RequestMatcher api = paths.matcher("/camunda/api/**");
        return open(http.securityMatcher(api))
            .headers(headers -> headers.cacheControl(cache -> cache.disable())
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(api, new CacheControlHeadersWriter())))
            .addFilterBefore(new LoginThrottleFilter(attempts, json), BasicAuthenticationFilter.class)
            .addFilterAfter(new QueryExpressionFilter(json), LoginThrottleFilter.class)
            .build();
    }

    @Bean
    @Order(5)
    SecurityFilterChain webapps(HttpSecurity http) throws Exception {
        // the applications' pages and scripts: Camunda's own headers (its CSP with a
        // nonce),
        // cacheable
        return open(http.securityMatcher(paths.matcher("/camunda/**")))
            .headers(headers -> headers.cacheControl(cache -> cache.disable()))
            .build();
    }

    @Bean
    @Order(6)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        return open(http).build();
    }

    /**
     * An authenticated operator, or anybody for an address that no endpoint answers (the
     * API then says 404, the same to everyone).
     */
    private AuthorizationManager<RequestAuthorizationContext> operatorsOrNoEndpoint() {
        AuthorityAuthorizationManager<RequestAuthorizationContext> operators = AuthorityAuthorizationManager
            .hasAuthority(Groups.CAMUNDA_ADMIN);
        return (user, context) -> endpointFor(context.getRequest()) ? operators.check(user, context)
                : new AuthorizationDecision(user.get() != null && user.get().isAuthenticated()
                        && !(user.get() instanceof AnonymousAuthenticationToken));
    }

    private boolean endpointFor(HttpServletRequest request) {
        RequestMappingHandlerMapping mapping = endpoints.getIfAvailable();
        if (mapping == null) {
            return true;
        }
        boolean parsed = ServletRequestPathUtils.hasParsedRequestPath(request);
        if (!parsed) {
            ServletRequestPathUtils.parseAndCache(request);
        }
        try {
            return mapping.getHandler(request) != null;
        }
        catch (Exception otherMethodOrMediaType) {
            return true; // the address has an endpoint, for another method or media type
        }
        finally {
            if (!parsed) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            }
        }
    }

    /**
     * A door that takes HTTP Basic, keeps no session and runs as its user in the engine.
     */
    private HttpSecurity basic(HttpSecurity http, DoorAnswers answers) throws Exception {
        // the provider is the application's one AuthenticationProvider bean, and so the
        // global authentication manager's only one (given here as well, a failed login
        // would be tried, and counted, twice)
        return http.httpBasic(basic -> basic.authenticationEntryPoint(answers))
            .exceptionHandling(refusals -> refusals.authenticationEntryPoint(answers).accessDeniedHandler(answers))
            .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .csrf(csrf -> csrf.disable())
            .requestCache(cache -> cache.disable())
            .logout(logout -> logout.disable())
            .headers(headers -> headers.frameOptions(HeadersConfigurer.FrameOptionsConfig::deny))
            .addFilterAfter(new EngineIdentityFilter(identity), BasicAuthenticationFilter.class);
    }

    /**
     * A door without a login of Spring's: Camunda's web applications log in themselves
     * (their session, their CSRF token); the rest is public.
     */
    private static HttpSecurity open(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(rules -> rules.anyRequest().permitAll())
            .csrf(csrf -> csrf.disable())
            .requestCache(cache -> cache.disable())
            .logout(logout -> logout.disable())
            .headers(headers -> headers.frameOptions(HeadersConfigurer.FrameOptionsConfig::sameOrigin));
    }

}
