package dev.cachalot.controlplane.cachecluster;

/** {@code CacheNode.CacheNodeStatus}, with the exact lowercase strings of the wire. */
public enum CacheNodeStatus {
    CREATING("creating"),
    AVAILABLE("available"),
    MODIFYING("modifying"),
    REBOOTING("rebooting"),
    DELETING("deleting");

    private final String wireValue;

    CacheNodeStatus(String wireValue) {
        this.wireValue = wireValue;
    }

    public String wireValue() {
        return wireValue;
    }
}
