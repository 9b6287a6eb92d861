package dev.cachalot.controlplane.tag;

import dev.cachalot.controlplane.fault.CachalotFault;

/** {@code InvalidARN} (400): the ARN is malformed, or names nothing the caller may see. */
public class InvalidARNFault extends CachalotFault {
    public InvalidARNFault(String arn) {
        super("InvalidARN", 400, "The ARN " + arn + " is not valid.");
    }
}
