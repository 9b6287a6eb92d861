package dev.cachalot.controlplane.rest;

import dev.cachalot.controlplane.fault.InvalidParameterCombinationException;
import dev.cachalot.controlplane.fault.MissingParameterFault;
import dev.cachalot.controlplane.identity.AccessKeyView;
import dev.cachalot.controlplane.identity.AccountView;
import dev.cachalot.controlplane.identity.ApiTokens;
import dev.cachalot.controlplane.identity.Caller;
import dev.cachalot.controlplane.identity.IdentityService;
import dev.cachalot.controlplane.identity.IssuedAccessKey;
import dev.cachalot.controlplane.identity.SigningCredentials;
import dev.cachalot.controlplane.identity.UserView;
import dev.cachalot.controlplane.rest.IdentityJson.AccessKey;
import dev.cachalot.controlplane.rest.IdentityJson.Account;
import dev.cachalot.controlplane.rest.IdentityJson.NewAccessKey;
import dev.cachalot.controlplane.rest.IdentityJson.User;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/me}, {@code /api/v1/tokens} and {@code /api/v1/accounts/…}: accounts (system
 * administrators), the users of an account and their access keys. {@link IdentityService}
 * decides who may do what; this class only translates.
 */
@RestController
class IdentityResources {

    private static final String ACCOUNTS = RestRequest.PREFIX + "/accounts";

    private final IdentityService identity;
    private final IdempotencyKeys idempotency;
    private final JsonMapper json;

    IdentityResources(IdentityService identity, IdempotencyKeys idempotency, JsonMapper json) {
        this.identity = identity;
        this.idempotency = idempotency;
        this.json = json;
    }

    @GetMapping(RestRequest.PREFIX + "/me")
    IdentityJson.Me me(Caller caller) {
        return IdentityJson.Me.of(caller);
    }

    /** The API token of the access key that signed this request. */
    @PostMapping(RestRequest.PREFIX + "/tokens")
    IdentityJson.Token token(Caller caller) {
        if (caller.accessKeyId() == null) {
            throw new InvalidParameterCombinationException("An API token is derived from an access key: "
                    + "sign this request with the key (SigV4) rather than a console session.");
        }
        SigningCredentials credentials = identity.signingCredentials(caller.accessKeyId()).orElseThrow();
        return new IdentityJson.Token(caller.accessKeyId(), ApiTokens.derive(caller.accessKeyId(), credentials.secretAccessKey()));
    }

    // ------------------------------------------------------------------------------ accounts

    @GetMapping(ACCOUNTS)
    Paging.Page<Account> accounts(Caller caller, @RequestParam(required = false) Integer limit,
                                  @RequestParam(required = false) String cursor) {
        return Paging.slice("accounts", caller, identity.listAccounts(caller), AccountView::accountId, a -> account(caller, a), limit, cursor);
    }

    @PostMapping(ACCOUNTS)
    ResponseEntity<Object> createAccount(Caller caller, HttpServletRequest request, @RequestBody IdentityJson.CreateAccount body) {
        return idempotency.run(caller, request, body, () -> {
            IssuedAccessKey key = identity.createAccount(caller, body.name());
            Account account = account(caller, identity.account(caller, key.accountId()));
            return ResponseEntity.created(URI.create(ACCOUNTS + "/" + account.accountId()))
                    .body(new IdentityJson.NewAccount(account, NewAccessKey.of(key)));
        });
    }

    @GetMapping(ACCOUNTS + "/{accountId}")
    ResponseEntity<Account> account(Caller caller, @PathVariable String accountId) {
        Account account = account(caller, identity.account(caller, accountId));
        return ResponseEntity.ok().eTag(ETags.of(json, account)).body(account);
    }

    /** An account's quotas and request rate (system administrators). */
    @PatchMapping(ACCOUNTS + "/{accountId}")
    ResponseEntity<Account> modifyAccount(Caller caller, @PathVariable String accountId,
                                          @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                          @RequestBody tools.jackson.databind.JsonNode json) {
        IdentityJson.ModifyAccount body = IdentityJson.ModifyAccount.of(json);
        java.util.function.Predicate<Account> expected = ETags.ifMatch(ifMatch, this.json, a -> a);
        IdentityService.AccountLimits limits = identity.updateLimits(caller, accountId, body.cacheClusterQuota(),
                body.cacheNodeQuota(), body.apiRequestsPerSecond(), (view, current) -> expected.test(Account.of(view, current)));
        Account account = Account.of(identity.account(caller, accountId), limits);
        return ResponseEntity.ok().eTag(ETags.of(this.json, account)).body(account);
    }

    private Account account(Caller caller, AccountView view) {
        return Account.of(view, identity.limits(caller, view.accountId()));
    }

    // ------------------------------------------------------------------------------ users

    @GetMapping(ACCOUNTS + "/{accountId}/users")
    Paging.Page<User> users(Caller caller, @PathVariable String accountId, @RequestParam(required = false) Integer limit,
                            @RequestParam(required = false) String cursor) {
        return Paging.slice("users/" + accountId, caller, identity.listUsers(caller, accountId), UserView::userName, User::of,
                limit, cursor);
    }

    @PostMapping(ACCOUNTS + "/{accountId}/users")
    ResponseEntity<Object> createUser(Caller caller, HttpServletRequest request, @PathVariable String accountId,
                                      @RequestBody IdentityJson.CreateUser body) {
        if (body.userName() == null) {
            throw new MissingParameterFault("userName");
        }
        return idempotency.run(caller, request, body, () -> {
            User user = User.of(identity.createUser(caller, accountId, body.userName(), IdentityJson.policy(body.policy()), body.password()));
            return ResponseEntity.created(URI.create(ACCOUNTS + "/" + accountId + "/users/" + user.userName()))
                    .eTag(ETags.of(json, user)).body(user);
        });
    }

    @GetMapping(ACCOUNTS + "/{accountId}/users/{userName}")
    ResponseEntity<User> user(Caller caller, @PathVariable String accountId, @PathVariable String userName) {
        User user = User.of(identity.user(caller, accountId, userName));
        return ResponseEntity.ok().eTag(ETags.of(json, user)).body(user);
    }

    @PatchMapping(ACCOUNTS + "/{accountId}/users/{userName}")
    ResponseEntity<User> modifyUser(Caller caller, @PathVariable String accountId, @PathVariable String userName,
                                    @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                    @RequestBody IdentityJson.ModifyUser body) {
        User user = User.of(identity.updateUser(caller, accountId, userName, IdentityJson.policy(body.policy()), body.password(),
                ETags.ifMatch(ifMatch, json, (UserView v) -> User.of(v))));
        return ResponseEntity.ok().eTag(ETags.of(json, user)).body(user);
    }

    @DeleteMapping(ACCOUNTS + "/{accountId}/users/{userName}")
    ResponseEntity<Void> deleteUser(Caller caller, @PathVariable String accountId, @PathVariable String userName) {
        identity.deleteUser(caller, accountId, userName);
        return ResponseEntity.noContent().build();
    }

    // ------------------------------------------------------------------------------ access keys

    @GetMapping(ACCOUNTS + "/{accountId}/users/{userName}/access-keys")
    Paging.Page<AccessKey> accessKeys(Caller caller, @PathVariable String accountId, @PathVariable String userName,
                                      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return Paging.slice("access-keys/" + accountId + "/" + userName, caller,
                identity.listAccessKeys(caller, accountId, userName), AccessKeyView::accessKeyId, AccessKey::of, limit, cursor);
    }

    @PostMapping(ACCOUNTS + "/{accountId}/users/{userName}/access-keys")
    ResponseEntity<Object> createAccessKey(Caller caller, HttpServletRequest request, @PathVariable String accountId,
                                           @PathVariable String userName) {
        return idempotency.run(caller, request, "", () -> {
            NewAccessKey key = NewAccessKey.of(identity.createAccessKey(caller, accountId, userName));
            return ResponseEntity.created(URI.create(ACCOUNTS + "/" + accountId + "/users/" + userName + "/access-keys/"
                    + key.accessKeyId())).body(key);
        });
    }

    @PatchMapping(ACCOUNTS + "/{accountId}/users/{userName}/access-keys/{accessKeyId}")
    ResponseEntity<AccessKey> modifyAccessKey(Caller caller, @PathVariable String accountId, @PathVariable String userName,
                                              @PathVariable String accessKeyId,
                                              @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                              @RequestBody IdentityJson.ModifyAccessKey body) {
        if (body.status() == null) {
            throw new MissingParameterFault("status");
        }
        AccessKey key = AccessKey.of(identity.updateAccessKey(caller, accountId, userName, accessKeyId, body.status(),
                ETags.ifMatch(ifMatch, json, (AccessKeyView v) -> AccessKey.of(v))));
        return ResponseEntity.ok().eTag(ETags.of(json, key)).body(key);
    }

    @DeleteMapping(ACCOUNTS + "/{accountId}/users/{userName}/access-keys/{accessKeyId}")
    ResponseEntity<Void> deleteAccessKey(Caller caller, @PathVariable String accountId, @PathVariable String userName,
                                         @PathVariable String accessKeyId) {
        identity.deleteAccessKey(caller, accountId, userName, accessKeyId);
        return ResponseEntity.noContent().build();
    }
}
