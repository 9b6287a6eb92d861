package dev.cachalot.controlplane.rest;

import dev.cachalot.controlplane.cachecluster.AllowedNodeTypeModifications;
import dev.cachalot.controlplane.cachecluster.CacheClusterPage;
import dev.cachalot.controlplane.cachecluster.CacheClusterService;
import dev.cachalot.controlplane.cachecluster.CacheClusterView;
import dev.cachalot.controlplane.identity.Caller;
import dev.cachalot.controlplane.rest.CacheClusterJson.CacheCluster;
import dev.cachalot.controlplane.rest.CacheClusterJson.CreateCacheCluster;
import dev.cachalot.controlplane.rest.CacheClusterJson.ModifyCacheCluster;
import jakarta.servlet.http.HttpServletRequest;
import dev.cachalot.controlplane.tag.TagService;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** {@code /api/v1/cache-clusters}: translation between JSON and {@link CacheClusterService}, nothing else. */
@RestController
@RequestMapping(RestRequest.PREFIX + "/cache-clusters")
class CacheClusterResources {

    static final String LISTING = "cache-clusters";

    private final CacheClusterService clusters;
    private final TagService tags;
    private final IdempotencyKeys idempotency;
    private final JsonMapper json;

    CacheClusterResources(CacheClusterService clusters, TagService tags, IdempotencyKeys idempotency, JsonMapper json) {
        this.clusters = clusters;
        this.tags = tags;
        this.idempotency = idempotency;
        this.json = json;
    }

    @GetMapping
    Paging.Page<CacheCluster> list(Caller caller, @RequestParam(required = false) Integer limit,
                                   @RequestParam(required = false) String cursor) {
        CacheClusterPage page = clusters.describe(caller, Optional.empty(), Paging.limit(limit),
                Paging.decode(LISTING, caller, cursor));
        return new Paging.Page<>(page.clusters().stream().map(CacheCluster::of).toList(),
                page.lastClusterId().map(last -> Paging.encode(LISTING, caller, last)).orElse(null));
    }

    @PostMapping
    ResponseEntity<Object> create(Caller caller, HttpServletRequest request, @RequestBody CreateCacheCluster body,
                                  @RequestParam(defaultValue = "false") boolean dryRun) {
        if (dryRun) {
            clusters.validateCreate(caller, body.command());
            return ResponseEntity.noContent().build();
        }
        return idempotency.run(caller, request, body, () -> {
            CacheCluster created = CacheCluster.of(clusters.create(caller, body.command()));
            return ResponseEntity.created(URI.create(RestRequest.PREFIX + "/cache-clusters/" + created.cacheClusterId()))
                    .eTag(ETags.of(json, created)).body(created);
        });
    }

    @GetMapping("/{cacheClusterId}")
    ResponseEntity<CacheCluster> get(Caller caller, @PathVariable String cacheClusterId) {
        CacheCluster cluster = CacheCluster.of(clusters.describe(caller, Optional.of(cacheClusterId), 1, Optional.empty())
                .clusters().getFirst());
        return ResponseEntity.ok().eTag(ETags.of(json, cluster)).body(cluster);
    }

    @PatchMapping("/{cacheClusterId}")
    ResponseEntity<CacheCluster> modify(Caller caller, @PathVariable String cacheClusterId,
                                        @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                        @RequestBody ModifyCacheCluster body) {
        CacheCluster modified = CacheCluster.of(clusters.modify(caller, body.command(cacheClusterId),
                ETags.ifMatch(ifMatch, json, (CacheClusterView v) -> CacheCluster.of(v))));
        return ResponseEntity.ok().eTag(ETags.of(json, modified)).body(modified);
    }

    @DeleteMapping("/{cacheClusterId}")
    ResponseEntity<CacheCluster> delete(Caller caller, @PathVariable String cacheClusterId,
                                        @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        CacheCluster deleting = CacheCluster.of(clusters.delete(caller, cacheClusterId,
                ETags.ifMatch(ifMatch, json, (CacheClusterView v) -> CacheCluster.of(v))));
        return ResponseEntity.accepted().body(deleting);
    }

    /** Restarts nodes (applying parameters that only a restart applies). */
    @PostMapping("/{cacheClusterId}/reboot")
    ResponseEntity<CacheCluster> reboot(Caller caller, @PathVariable String cacheClusterId,
                                        @RequestBody CacheClusterJson.Reboot body) {
        return ResponseEntity.accepted().body(CacheCluster.of(clusters.reboot(caller, cacheClusterId, body.cacheNodeIds())));
    }

    @GetMapping("/{cacheClusterId}/tags")
    TagJson.Tags tags(Caller caller, @PathVariable String cacheClusterId) {
        return TagJson.Tags.of(tags.list(caller, arn(caller, cacheClusterId)));
    }

    @PostMapping("/{cacheClusterId}/tags")
    TagJson.Tags addTags(Caller caller, @PathVariable String cacheClusterId, @RequestBody TagJson.AddTags body) {
        return TagJson.Tags.of(tags.add(caller, arn(caller, cacheClusterId), TagJson.tags(body.tags())));
    }

    @DeleteMapping("/{cacheClusterId}/tags")
    TagJson.Tags removeTags(Caller caller, @PathVariable String cacheClusterId, @RequestParam("key") List<String> keys) {
        return TagJson.Tags.of(tags.remove(caller, arn(caller, cacheClusterId), keys));
    }

    private String arn(Caller caller, String cacheClusterId) {
        return clusters.describe(caller, Optional.of(cacheClusterId), 1, Optional.empty()).clusters().getFirst().arn();
    }

    @GetMapping("/{cacheClusterId}/allowed-node-type-modifications")
    CacheClusterJson.AllowedNodeTypeModifications allowedNodeTypeModifications(Caller caller, @PathVariable String cacheClusterId) {
        AllowedNodeTypeModifications allowed = clusters.allowedNodeTypeModifications(caller, cacheClusterId, null);
        return new CacheClusterJson.AllowedNodeTypeModifications(allowed.scaleUp(), allowed.scaleDown());
    }
}
