package dev.cachalot.controlplane.fault;

/** {@code MissingParameter} (400): a required parameter is absent. */
public class MissingParameterFault extends CachalotFault {
    public MissingParameterFault(String parameter) {
        super("MissingParameter", 400, "The request must contain the parameter " + parameter);
    }
}
