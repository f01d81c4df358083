package org.aicity.platform.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns every failed request into {@code application/problem+json} (RFC 9457). Client errors name
 * the offending parameter in a {@code parameter} member (and list each one in {@code errors} when
 * several are wrong), so a caller can point at the field without parsing prose.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ResourceNotFoundException.class)
    ProblemDetail notFound(ResourceNotFoundException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        p.setTitle(capitalize(e.resource()) + " not found");
        p.setProperty(e.resource(), e.id());
        return p;
    }

    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail invalidParameter(InvalidParameterException e) {
        return badParameter(e.parameter(), e.getMessage());
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
    ProblemDetail databaseUnavailable(RuntimeException e) {
        log.warn("database unavailable: {}", e.getMessage());
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
            "The database is not reachable right now; try again shortly.");
        p.setTitle("Database unavailable");
        return p;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        // The client gets an id to quote, never the stack trace; the log has both.
        String incident = UUID.randomUUID().toString();
        log.error("unexpected error, incident {}", incident, e);
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
            "An unexpected error occurred; the server log has the details under incident " + incident + ".");
        p.setTitle("Internal error");
        p.setProperty("incident", incident);
        return p;
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        Class<?> type = ex.getRequiredType();
        String expected = type == null ? "a valid value"
            : Instant.class.equals(type) ? "an ISO-8601 instant such as 2026-11-21T08:15:00Z"
            : Integer.class.equals(type) || int.class.equals(type) ? "an integer"
            : type.isEnum() ? "one of " + List.of(type.getEnumConstants())
            : "a " + type.getSimpleName();
        ProblemDetail p = badParameter(name, "'" + name + "' must be " + expected + ", got '" + ex.getValue() + "'");
        return handleExceptionInternal(ex, p, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        ProblemDetail p = badParameter(ex.getParameterName(), "the required parameter '" + ex.getParameterName() + "' is missing");
        return handleExceptionInternal(ex, p, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(r -> {
            String name = r.getMethodParameter().getParameterName();
            r.getResolvableErrors().forEach(err -> errors.add(Map.of("parameter", String.valueOf(name),
                "detail", "'" + name + "' " + err.getDefaultMessage() + ", got '" + r.getArgument() + "'")));
        });
        ProblemDetail p = errors.isEmpty()
            ? badParameter(null, "invalid request parameters")
            : badParameter(errors.get(0).get("parameter"), errors.get(0).get("detail"));
        p.setProperty("errors", errors);
        return handleExceptionInternal(ex, p, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static ProblemDetail badParameter(String parameter, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        p.setTitle("Invalid request parameter");
        if (parameter != null) {
            p.setProperty("parameter", parameter);
        }
        return p;
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
