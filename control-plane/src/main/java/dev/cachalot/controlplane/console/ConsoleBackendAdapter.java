package dev.cachalot.controlplane.console;

import dev.cachalot.console.CacheClusterRow;
import dev.cachalot.console.ConsoleBackend;
import dev.cachalot.console.ConsoleException;
import dev.cachalot.console.ConsolePrincipal;
import dev.cachalot.controlplane.cachecluster.CacheClusterPage;
import dev.cachalot.controlplane.cachecluster.CacheClusterService;
import dev.cachalot.controlplane.cachecluster.CacheClusterView;
import dev.cachalot.controlplane.fault.CachalotFault;
import dev.cachalot.controlplane.identity.AccessKeyView;
import dev.cachalot.controlplane.identity.Caller;
import dev.cachalot.controlplane.identity.IdentityService;
import dev.cachalot.controlplane.identity.IssuedAccessKey;
import dev.cachalot.controlplane.identity.Policy;
import dev.cachalot.controlplane.identity.UserView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/** The console's view of the application services: translation only, no rules of its own. */
@Component
class ConsoleBackendAdapter implements ConsoleBackend {

    private static final int PAGE = 100;

    private final CacheClusterService clusters;
    private final IdentityService identity;

    ConsoleBackendAdapter(CacheClusterService clusters, IdentityService identity) {
        this.clusters = clusters;
        this.identity = identity;
    }

    static Caller caller(ConsolePrincipal p) {
        return new Caller(p.accountId(), p.userName(), null, p.readOnly() ? Policy.READ_ONLY : Policy.FULL_ACCESS, p.systemAdmin());
    }

    @Override
    public List<CacheClusterRow> cacheClusters(ConsolePrincipal principal) {
        return call(() -> {
            List<CacheClusterRow> rows = new ArrayList<>();
            Optional<String> after = Optional.empty();
            do {
                CacheClusterPage page = clusters.describe(caller(principal), Optional.empty(), PAGE, after);
                page.clusters().forEach(c -> rows.add(row(c)));
                after = page.lastClusterId();
            } while (after.isPresent());
            return rows;
        });
    }

    @Override
    public List<UserRow> users(ConsolePrincipal principal) {
        return call(() -> identity.listUsers(caller(principal), principal.accountId()).stream().map(ConsoleBackendAdapter::row).toList());
    }

    @Override
    public UserRow user(ConsolePrincipal principal, String userName) {
        return call(() -> row(identity.user(caller(principal), principal.accountId(), userName)));
    }

    @Override
    public void createUser(ConsolePrincipal principal, String userName, boolean readOnly, String password) {
        call(() -> identity.createUser(caller(principal), principal.accountId(), userName,
                readOnly ? Policy.READ_ONLY : Policy.FULL_ACCESS, password));
    }

    @Override
    public void updateUser(ConsolePrincipal principal, String userName, Boolean readOnly, String password) {
        call(() -> identity.updateUser(caller(principal), principal.accountId(), userName,
                readOnly == null ? null : readOnly ? Policy.READ_ONLY : Policy.FULL_ACCESS, password));
    }

    @Override
    public void deleteUser(ConsolePrincipal principal, String userName) {
        call(() -> {
            identity.deleteUser(caller(principal), principal.accountId(), userName);
            return null;
        });
    }

    @Override
    public List<AccessKeyRow> accessKeys(ConsolePrincipal principal, String userName) {
        return call(() -> identity.listAccessKeys(caller(principal), principal.accountId(), userName).stream()
                .map(ConsoleBackendAdapter::row).toList());
    }

    @Override
    public NewAccessKey createAccessKey(ConsolePrincipal principal, String userName) {
        return call(() -> key(identity.createAccessKey(caller(principal), principal.accountId(), userName)));
    }

    @Override
    public void setAccessKeyActive(ConsolePrincipal principal, String userName, String accessKeyId, boolean active) {
        call(() -> identity.updateAccessKey(caller(principal), principal.accountId(), userName, accessKeyId,
                active ? "Active" : "Inactive"));
    }

    @Override
    public void deleteAccessKey(ConsolePrincipal principal, String userName, String accessKeyId) {
        call(() -> {
            identity.deleteAccessKey(caller(principal), principal.accountId(), userName, accessKeyId);
            return null;
        });
    }

    @Override
    public List<AccountRow> accounts(ConsolePrincipal principal) {
        return call(() -> identity.listAccounts(caller(principal)).stream()
                .map(a -> new AccountRow(a.accountId(), a.name(), a.admin(), a.createTime())).toList());
    }

    @Override
    public NewAccessKey createAccount(ConsolePrincipal principal, String name) {
        return call(() -> key(identity.createAccount(caller(principal), name)));
    }

    private static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (CachalotFault f) {
            throw new ConsoleException(f.code(), f.getMessage());
        }
    }

    private static NewAccessKey key(IssuedAccessKey k) {
        return new NewAccessKey(k.accountId(), k.userName(), k.accessKeyId(), k.secretAccessKey());
    }

    private static UserRow row(UserView u) {
        return new UserRow(u.userName(), u.arn(), u.policy() == Policy.READ_ONLY, u.consoleAccess(), u.createTime());
    }

    private static AccessKeyRow row(AccessKeyView k) {
        return new AccessKeyRow(k.accessKeyId(), "Active".equals(k.status()), k.createTime(), k.lastUsedTime());
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
