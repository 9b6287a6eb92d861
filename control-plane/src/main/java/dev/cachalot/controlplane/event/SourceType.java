package dev.cachalot.controlplane.event;

import java.util.Arrays;
import java.util.Optional;

/** {@code Event.SourceType}: the kinds of resources events are about, as the wire spells them. */
public enum SourceType {
    CACHE_CLUSTER("cache-cluster"),
    CACHE_PARAMETER_GROUP("cache-parameter-group"),
    CACHE_SECURITY_GROUP("cache-security-group"),
    CACHE_SUBNET_GROUP("cache-subnet-group"),
    REPLICATION_GROUP("replication-group"),
    SERVERLESS_CACHE("serverless-cache"),
    SERVERLESS_CACHE_SNAPSHOT("serverless-cache-snapshot"),
    USER("user"),
    USER_GROUP("user-group");

    private final String wireValue;

    SourceType(String wireValue) {
        this.wireValue = wireValue;
    }

    public String wireValue() {
        return wireValue;
    }

    public static Optional<SourceType> fromWireValue(String value) {
        return Arrays.stream(values()).filter(t -> t.wireValue.equals(value)).findFirst();
    }
}
