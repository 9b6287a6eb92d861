package dev.cachalot.controlplane.sigv4;

import dev.cachalot.controlplane.fault.CachalotFault;

/** The authentication errors of AWS Query services, with AWS's codes, statuses and wording. */
public final class AuthFaults {

    private AuthFaults() {}

    /** {@code MissingAuthenticationToken} (403): the request is not signed at all. */
    public static final class MissingAuthenticationTokenFault extends CachalotFault {
        MissingAuthenticationTokenFault() {
            super("MissingAuthenticationToken", 403, "Request is missing Authentication Token");
        }
    }

    /** {@code InvalidClientTokenId} (403): the access key is unknown or inactive. */
    public static final class InvalidClientTokenIdFault extends CachalotFault {
        InvalidClientTokenIdFault() {
            super("InvalidClientTokenId", 403, "The security token included in the request is invalid.");
        }
    }

    /** {@code SignatureDoesNotMatch} (403): wrong signature, scope or time. */
    public static final class SignatureDoesNotMatchFault extends CachalotFault {
        static final String MISMATCH = "The request signature we calculated does not match the signature you provided. "
                + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

        SignatureDoesNotMatchFault(String message) {
            super("SignatureDoesNotMatch", 403, message);
        }
    }

    /** {@code IncompleteSignature} (400): the signature is malformed. */
    public static final class IncompleteSignatureFault extends CachalotFault {
        IncompleteSignatureFault(String message) {
            super("IncompleteSignature", 400, message);
        }
    }
}
