package dev.cachalot.controlplane.cachecluster;

/** {@code CacheCluster.CacheClusterStatus}, with the exact lowercase strings of the wire. */
public enum CacheClusterStatus {
    CREATING("creating"),
    AVAILABLE("available"),
    MODIFYING("modifying"),
    /** The exact string of the wire, with spaces. */
    REBOOTING("rebooting cache cluster nodes"),
    DELETING("deleting");

    private final String wireValue;

    CacheClusterStatus(String wireValue) {
        this.wireValue = wireValue;
    }

    public String wireValue() {
        return wireValue;
    }
}
