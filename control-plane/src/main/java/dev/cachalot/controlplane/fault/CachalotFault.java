package dev.cachalot.controlplane.fault;

/**
 * A failure the caller is told about with an error code, as AWS services do. Every API edge
 * (AWS Query, REST, console) renders these with the code unchanged, so one exception type per
 * code is enough: subclasses are named for the code they carry.
 */
public abstract class CachalotFault extends RuntimeException {

    private final String code;
    private final int httpStatus;

    protected CachalotFault(String code, int httpStatus, String message) {
        super(message, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The error code, character for character as the AWS service spells it. */
    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** True when the caller is at fault (AWS {@code <Type>Sender</Type>}); false for server faults. */
    public boolean senderFault() {
        return httpStatus < 500;
    }
}
