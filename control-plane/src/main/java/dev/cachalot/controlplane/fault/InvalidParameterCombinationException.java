package dev.cachalot.controlplane.fault;

/** {@code InvalidParameterCombination} (400): parameters that cannot be used together. */
public class InvalidParameterCombinationException extends CachalotFault {
    public InvalidParameterCombinationException(String message) {
        super("InvalidParameterCombination", 400, message);
    }
}
