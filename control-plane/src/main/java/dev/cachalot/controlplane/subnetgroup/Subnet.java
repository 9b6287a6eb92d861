package dev.cachalot.controlplane.subnetgroup;

/**
 * A subnet as Cachalot has them: the pool of hosts of one availability zone, named
 * {@code subnet-<zone>} (e.g. {@code subnet-local-1a}).
 */
public record Subnet(String subnetIdentifier, String availabilityZone) {

    static final String PREFIX = "subnet-";

    public static Subnet ofZone(String zone) {
        return new Subnet(PREFIX + zone, zone);
    }
}
