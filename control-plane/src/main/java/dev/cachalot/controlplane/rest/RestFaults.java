package dev.cachalot.controlplane.rest;

import dev.cachalot.controlplane.fault.CachalotFault;

/** Errors of the REST protocol itself (not of any operation), with the codes AWS uses for them. */
final class RestFaults {

    private RestFaults() {}

    /** {@code UnknownOperationException} (404): no operation at this path and method. */
    static final class UnknownOperationFault extends CachalotFault {
        UnknownOperationFault(String method, String path) {
            super("UnknownOperationException", 404, "No operation " + method + " " + path + " in this API.");
        }
    }

    /** {@code SerializationException} (400): the body is not the JSON the operation takes. */
    static final class SerializationFault extends CachalotFault {
        SerializationFault(String message) {
            super("SerializationException", 400, message);
        }
    }

    /** {@code UnsupportedMediaType} (415): the body is not {@code application/json}. */
    static final class UnsupportedMediaTypeFault extends CachalotFault {
        UnsupportedMediaTypeFault(String message) {
            super("UnsupportedMediaType", 415, message);
        }
    }

    /** {@code IdempotentParameterMismatch} (422): an Idempotency-Key reused with a different request. */
    static final class IdempotentParameterMismatchFault extends CachalotFault {
        IdempotentParameterMismatchFault(String key) {
            super("IdempotentParameterMismatch", 422, "Idempotency-Key " + key
                    + " was already used with a different request; use a new key for a new request.");
        }
    }

    /** {@code IdempotentRequestInProgress} (409): the first request with this Idempotency-Key is still running. */
    static final class IdempotentRequestInProgressFault extends CachalotFault {
        IdempotentRequestInProgressFault(String key) {
            super("IdempotentRequestInProgress", 409, "A request with Idempotency-Key " + key
                    + " is still in progress; retry it shortly.");
        }
    }

    /** {@code ConcurrentModification} (409): another change to the resource landed first; read it again and retry. */
    static final class ConcurrentModificationFault extends CachalotFault {
        ConcurrentModificationFault() {
            super("ConcurrentModification", 409, "The resource was changed by another request at the same time; read it again and retry.");
        }
    }
}
