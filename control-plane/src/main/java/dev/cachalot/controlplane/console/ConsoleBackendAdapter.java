package dev.cachalot.controlplane.console;

import dev.cachalot.console.CacheClusterRow;
import dev.cachalot.console.ConsoleBackend;
import dev.cachalot.console.ConsolePrincipal;
import dev.cachalot.controlplane.cachecluster.CacheClusterPage;
import dev.cachalot.controlplane.cachecluster.CacheClusterService;
import dev.cachalot.controlplane.cachecluster.CacheClusterView;
import dev.cachalot.controlplane.identity.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The console's view of the application services. */
@Component
class ConsoleBackendAdapter implements ConsoleBackend {

    private static final int PAGE = 100;

    private final CacheClusterService clusters;

    ConsoleBackendAdapter(CacheClusterService clusters) {
        this.clusters = clusters;
    }

    @Override
    public List<CacheClusterRow> cacheClusters(ConsolePrincipal principal) {
        Caller caller = new Caller(principal.accountId(), principal.accessKeyId(), principal.admin());
        List<CacheClusterRow> rows = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            CacheClusterPage page = clusters.describe(caller, Optional.empty(), PAGE, after);
            page.clusters().forEach(c -> rows.add(row(c)));
            after = page.lastClusterId();
        } while (after.isPresent());
        return rows;
    }

    private static CacheClusterRow row(CacheClusterView c) {
        String endpoint = c.nodes().stream()
                .filter(n -> n.address() != null && n.port() != null)
                .map(n -> n.address() + ":" + n.port())
                .findFirst().orElse(null);
        return new CacheClusterRow(c.cacheClusterId(), c.engine(), c.engineVersion(), c.cacheNodeType(),
                c.status().wireValue(), c.numCacheNodes(), c.preferredAvailabilityZone(), endpoint, c.createTime());
    }
}
