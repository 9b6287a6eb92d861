package dev.cachalot.controlplane.cachecluster;

import dev.cachalot.controlplane.CachalotProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * The DNS names of a cluster, in ElastiCache's shape under Cachalot's domain:
 * {@code <cluster>.<hash>.cfg.<domain>} for the configuration endpoint and
 * {@code <cluster>.<hash>.<node id>.<domain>} for a node, where the hash is a short digest of the
 * account (so that two accounts' clusters of one name never share a name) and the domain is
 * {@code <region>.cachalot.internal} unless the operator chose another.
 */
@Component
public class ClusterEndpoints {

    private final String domain;

    public ClusterEndpoints(CachalotProperties properties) {
        this.domain = properties.dnsDomain();
    }

    public String domain() {
        return domain;
    }

    public String configurationAddress(String accountId, String clusterId) {
        return clusterId + "." + accountHash(accountId) + ".cfg." + domain;
    }

    public String nodeHostname(String accountId, String clusterId, String cacheNodeId) {
        return clusterId + "." + accountHash(accountId) + "." + cacheNodeId + "." + domain;
    }

    static String accountHash(String accountId) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("cachalot:" + accountId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 3);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
