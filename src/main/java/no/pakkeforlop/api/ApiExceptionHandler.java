package no.pakkeforlop.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import no.pakkeforlop.refusals.FieldError;
import no.pakkeforlop.refusals.InputRefusedException;
import no.pakkeforlop.refusals.PathwayConflictException;
import no.pakkeforlop.refusals.PathwayNotFoundException;
import org.camunda.bpm.engine.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every error of the API into {@code application/problem+json} with a Norwegian
 * message and the fields concerned. Nothing of an exception's own text or stack trace
 * reaches the client.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler({ InputRefusedException.class, PathwayNotFoundException.class, PathwayConflictException.class })
    ResponseEntity<Object> refused(RuntimeException e) {
        Refusals.Answer answer = Refusals.answer(e).orElseThrow(() -> e);
        return ResponseEntity.status(answer.status())
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .body(answer.body());
    }

    @ExceptionHandler(AuthorizationException.class)
    ResponseEntity<Object> forbidden(AuthorizationException e) {
        LOG.info("Refused by the engine's authorizations: {}", e.getMessage());
        return problem(HttpStatus.FORBIDDEN, "Du har ikke tilgang til dette.", List.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        LOG.error("Unexpected error in the API", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "Det oppstod en uventet feil. Feilen er logget; prøv igjen senere eller kontakt brukerstøtte.",
                List.of());
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        HttpStatus status = HttpStatus.valueOf(statusCode.value());
        List<FieldError> errors = List.of();
        String detail;
        if (e instanceof HttpMessageNotReadableException unreadable) {
            errors = unreadable(unreadable);
            detail = errors.isEmpty() ? "Innholdet i forespørselen mangler eller er ikke gyldig JSON."
                    : Refusals.badRequestDetail(errors);
        }
        else if (e instanceof MissingServletRequestParameterException missing) {
            errors = List.of(new FieldError(missing.getParameterName(),
                    "Parameteren «" + missing.getParameterName() + "» må fylles ut."));
            detail = Refusals.badRequestDetail(errors);
        }
        else if (e instanceof TypeMismatchException mismatch) {
            String name = mismatch instanceof MethodArgumentTypeMismatchException m ? m.getName()
                    : mismatch.getPropertyName();
            errors = List.of(new FieldError(name, "Verdien «" + mismatch.getValue() + "» er ugyldig."));
            detail = Refusals.badRequestDetail(errors);
        }
        else if (e instanceof HttpRequestMethodNotSupportedException method) {
            detail = "Metoden " + method.getMethod() + " er ikke tillatt her." + (method.getSupportedMethods() == null
                    ? "" : " Tillatt: " + String.join(", ", method.getSupportedMethods()) + ".");
        }
        else if (e instanceof HttpMediaTypeNotSupportedException media) {
            detail = "Innholdstypen «" + media.getContentType() + "» støttes ikke. Send "
                    + types(media.getSupportedMediaTypes()) + ".";
        }
        else if (e instanceof HttpMediaTypeNotAcceptableException media) {
            detail = "Svaret kan ikke leveres i formatet det bes om. Mulige formater: "
                    + types(media.getSupportedMediaTypes()) + ".";
        }
        else if (e instanceof NoResourceFoundException notFound) {
            detail = "Adressen /" + notFound.getResourcePath() + " finnes ikke.";
        }
        else if (status.is5xxServerError()) {
            LOG.error("Unexpected error in the API", e);
            detail = "Det oppstod en uventet feil. Feilen er logget; prøv igjen senere eller kontakt brukerstøtte.";
        }
        else {
            detail = Problems.title(status.value()) + ".";
        }
        // the headers Spring hands in may be read-only: answer with a copy
        HttpHeaders answer = new HttpHeaders();
        answer.putAll(headers);
        answer.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(Problems.of(status, detail, errors), answer, status);
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String detail, List<FieldError> errors) {
        ProblemDetail body = Problems.of(status, detail, errors);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    /**
     * The field errors of a JSON body that could not be read: unknown fields and values
     * of the wrong JSON type.
     */
    private static List<FieldError> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return List.of(new FieldError(path(unknown), "Ukjent felt «" + unknown.getPropertyName() + "»."));
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return List.of(new FieldError(path(mismatch), "Feltet har feil type" + (mismatch.getTargetType() == null
                    ? "." : ": forventet " + typeName(mismatch.getTargetType()) + ".")));
        }
        if (cause instanceof JsonProcessingException json) {
            Optional<String> duplicate = StrictJson.duplicateKey(json);
            if (duplicate.isPresent()) {
                return List.of(new FieldError(duplicate.get(), StrictJson.duplicateKeyMessage(duplicate.get())));
            }
            return List.of(new FieldError("", "Innholdet er ikke gyldig JSON."));
        }
        return List.of();
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            }
            else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == String.class) {
            return "tekst";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "et heltall";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true eller false";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "en liste";
        }
        return "et objekt";
    }

    private static String types(List<MediaType> types) {
        return types.stream().map(MediaType::toString).collect(Collectors.joining(", "));
    }

}
