package dev.cachalot.controlplane.fault;

/** {@code InvalidParameterValue} (400): a parameter has a value the service does not accept. */
public class InvalidParameterValueException extends CachalotFault {
    public InvalidParameterValueException(String message) {
        super("InvalidParameterValue", 400, message);
    }
}
