package no.pakkeforlop.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * An address under /api that no endpoint serves ends at Spring's static-resource handler,
 * which the {@code @ExceptionHandler}s do not cover; this answers it as a problem too,
 * instead of Spring Boot's error page.
 */
@Configuration
public class NotFoundResolver implements HandlerExceptionResolver, WebMvcConfigurer {

    private final ObjectMapper json;

    public NotFoundResolver(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
        resolvers.add(0, this);
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception exception) {
        if (!(exception instanceof NoResourceFoundException notFound) || !request.getRequestURI().startsWith("/api/")) {
            return null;
        }
        try {
            Problems.write(response, json, HttpStatus.NOT_FOUND,
                    "Adressen /" + notFound.getResourcePath() + " finnes ikke.");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ModelAndView();
    }

}
