package dev.cachalot.controlplane.identity;

/**
 * An active access key with its secret in clear, as SigV4 verification needs it. Never log it:
 * {@link #toString()} leaves the secret out.
 */
public record SigningCredentials(Caller caller, String secretAccessKey) {

    @Override
    public String toString() {
        return "SigningCredentials[" + caller.accessKeyId() + "]";
    }
}
