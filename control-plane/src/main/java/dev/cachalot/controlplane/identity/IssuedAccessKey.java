package dev.cachalot.controlplane.identity;

/** A newly issued access key; the only time its secret leaves the service. */
public record IssuedAccessKey(String accountId, String userName, String accessKeyId, String secretAccessKey) {

    @Override
    public String toString() {
        return "IssuedAccessKey[" + accountId + ", " + userName + ", " + accessKeyId + "]";
    }
}
