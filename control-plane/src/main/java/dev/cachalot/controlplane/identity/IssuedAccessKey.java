package dev.cachalot.controlplane.identity;

/** A newly issued access key; the only time its secret leaves the service. */
public record IssuedAccessKey(String accountId, String userName, String accessKeyId, String secretAccessKey) {

    /** The key's API token for {@code Authorization: Bearer} (see {@link ApiTokens}). */
    public String apiToken() {
        return ApiTokens.derive(accessKeyId, secretAccessKey);
    }

    @Override
    public String toString() {
        return "IssuedAccessKey[" + accountId + ", " + userName + ", " + accessKeyId + "]";
    }
}
