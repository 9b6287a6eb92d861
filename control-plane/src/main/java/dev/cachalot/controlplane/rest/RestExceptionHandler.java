package dev.cachalot.controlplane.rest;

import dev.cachalot.controlplane.fault.CachalotFault;
import dev.cachalot.controlplane.fault.InternalFailureFault;
import dev.cachalot.controlplane.fault.InvalidParameterValueException;
import dev.cachalot.controlplane.fault.MissingParameterFault;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every failure of a REST operation as a problem document: the application's faults with their
 * codes, and the protocol's own failures (unreadable JSON, a wrong parameter type, an unknown
 * path) with the codes AWS uses for them. Anything unexpected is logged and answered as
 * {@code InternalFailure} without internals.
 */
@RestControllerAdvice(basePackageClasses = RestExceptionHandler.class)
class RestExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(RestExceptionHandler.class);

    @ExceptionHandler(CachalotFault.class)
    ResponseEntity<Object> fault(CachalotFault fault, HttpServletRequest request) {
        return Problems.entity(fault, request);
    }

    @ExceptionHandler(ObjectOptimisticLockingFailureException.class)
    ResponseEntity<Object> concurrent(HttpServletRequest request) {
        return Problems.entity(new RestFaults.ConcurrentModificationFault(), request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        String detail = e.getMostSpecificCause().getMessage();
        // Jackson's messages name the offending property and position; keep the first line only.
        detail = detail == null ? "" : detail.lines().findFirst().orElse("");
        return Problems.entity(new RestFaults.SerializationFault("The request body is not valid for this operation: " + detail), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return Problems.entity(new InvalidParameterValueException("Invalid value for the parameter " + e.getName() + ": " + e.getValue()), request);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Object> missing(MissingServletRequestParameterException e, HttpServletRequest request) {
        return Problems.entity(new MissingParameterFault(e.getParameterName()), request);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Object> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return Problems.entity(new RestFaults.UnsupportedMediaTypeFault("Send the request body as application/json."), request);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> method(HttpServletRequest request) {
        return Problems.entity(new RestFaults.UnknownOperationFault(request.getMethod(), request.getRequestURI()), request);
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<Object> unexpected(RuntimeException e, HttpServletRequest request) {
        log.error("REST request {} {} ({}) failed", request.getMethod(), request.getRequestURI(), RestRequest.requestId(request), e);
        return Problems.entity(new InternalFailureFault(), request);
    }

    /** Whatever no operation matches, under the API's prefix. */
    @RestController
    static class Unknown {
        @RequestMapping(RestRequest.PREFIX + "/**")
        ResponseEntity<Object> unknown(HttpServletRequest request) {
            throw new RestFaults.UnknownOperationFault(request.getMethod(), request.getRequestURI());
        }
    }
}
