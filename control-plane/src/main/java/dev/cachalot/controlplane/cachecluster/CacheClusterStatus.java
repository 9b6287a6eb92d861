package dev.cachalot.controlplane.cachecluster;

/** {@code CacheCluster.CacheClusterStatus}, with the exact lowercase strings of the wire. */
public enum CacheClusterStatus {
    CREATING("creating"),
    AVAILABLE("available"),
    DELETING("deleting");

    private final String wireValue;

    CacheClusterStatus(String wireValue) {
        this.wireValue = wireValue;
    }

    public String wireValue() {
        return wireValue;
    }
}
