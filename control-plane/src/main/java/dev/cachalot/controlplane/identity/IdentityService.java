package dev.cachalot.controlplane.identity;

import dev.cachalot.controlplane.CachalotProperties;
import dev.cachalot.controlplane.fault.InvalidParameterValueException;
import dev.cachalot.controlplane.fault.PreconditionFailedFault;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts, their users and the users' access keys: issuing and resolving credentials, and the
 * administration of all three. Every administrative method takes the {@link Caller} and enforces
 * tenancy and policy itself: a caller acts on its own account only (a system administrator on
 * any), and only with a full-access policy for changes.
 */
@Service
public class IdentityService {

    /** The user every new account starts with. */
    public static final String ADMIN_USER = "admin";
    /** AWS allows two access keys per user. */
    static final int MAX_KEYS_PER_USER = 2;
    static final int MIN_PASSWORD_LENGTH = 8;

    private static final String KEY_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final String PASSWORD_ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    /** Last-used times are kept to the minute, so a busy key does not write on every request. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9+=,.@_-]{1,64}");
    private static final Pattern ACCOUNT_NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])?");

    private final AccountRepository accounts;
    private final AccountUserRepository users;
    private final AccessKeyRepository keys;
    private final SecretCipher cipher;
    private final Clock clock;
    private final CachalotProperties.Quotas defaultQuotas;
    private final ApplicationEventPublisher events;
    private final BCryptPasswordEncoder passwords = new BCryptPasswordEncoder();
    private final SecureRandom random = new SecureRandom();

    public IdentityService(AccountRepository accounts, AccountUserRepository users, AccessKeyRepository keys,
                           SecretCipher cipher, Clock clock, CachalotProperties properties, ApplicationEventPublisher events) {
        this.events = events;
        this.defaultQuotas = properties.quotas();
        this.accounts = accounts;
        this.users = users;
        this.keys = keys;
        this.cipher = cipher;
        this.clock = clock;
    }

    // ------------------------------------------------------------------------------ authentication

    /** The credentials of an active access key, or empty for an unknown or inactive key. */
    @Transactional(readOnly = true)
    public Optional<SigningCredentials> signingCredentials(String accessKeyId) {
        return keys.findById(accessKeyId)
                .filter(AccessKey::active)
                .flatMap(k -> users.findById(k.userId())
                        .map(u -> new SigningCredentials(caller(u, k.accessKeyId()), cipher.decrypt(k.secretCiphertext()))));
    }

    /**
     * The credentials behind an API token ({@link ApiTokens}), or empty for a malformed token, an
     * unknown or inactive key, or a MAC that does not match.
     */
    @Transactional(readOnly = true)
    public Optional<SigningCredentials> authenticateToken(String token) {
        return ApiTokens.accessKeyId(token)
                .flatMap(this::signingCredentials)
                .filter(c -> ApiTokens.matches(token, c.caller().accessKeyId(), c.secretAccessKey()));
    }

    /** Records that a key was just used to authenticate a request. */
    @Transactional
    public void recordUse(String accessKeyId) {
        keys.findById(accessKeyId).ifPresent(k -> {
            Instant now = clock.instant();
            if (k.lastUsedAt() == null || k.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
                keys.touch(accessKeyId, now);
            }
        });
    }

    /**
     * Console sign-in: an account (its 12-digit id or its name), a user name and the user's
     * password, checked against the bcrypt hash.
     */
    @Transactional(readOnly = true)
    public Optional<Caller> authenticatePassword(String account, String userName, String password) {
        Optional<Account> acct = accounts.findById(account).or(() -> accounts.findByName(account));
        Optional<AccountUser> user = acct.flatMap(a -> users.findByAccountIdAndUserName(a.id(), userName));
        if (user.isEmpty() || user.get().passwordHash() == null) {
            // Spend the same time as a real check, so that timing does not reveal which users exist.
            passwords.matches(password, DUMMY_HASH);
            return Optional.empty();
        }
        return passwords.matches(password, user.get().passwordHash())
                ? Optional.of(caller(user.get(), null)) : Optional.empty();
    }

    private static final String DUMMY_HASH = new BCryptPasswordEncoder().encode("not a password");

    // ------------------------------------------------------------------------------ bootstrap

    /** The first access key of the administrator account's admin user, if the service was bootstrapped. */
    @Transactional(readOnly = true)
    public Optional<Caller> bootstrapAdmin() {
        return accounts.findFirstByAdminTrueOrderByCreatedAtAsc()
                .flatMap(a -> users.findByAccountIdAndUserName(a.id(), ADMIN_USER))
                .flatMap(u -> keys.findByUserIdOrderByCreatedAtAsc(u.id()).stream().findFirst().map(k -> caller(u, k.accessKeyId())));
    }

    /**
     * Creates an account with its {@code admin} user (full access) and one access key for it.
     * Used by the first start and by {@link #createAccount(Caller, String)}.
     */
    @Transactional
    public IssuedAccessKey createAccount(String name, boolean admin) {
        if (name == null || !ACCOUNT_NAME.matcher(name).matches()) {
            throw new InvalidParameterValueException("Account names have 1 to 63 lowercase letters, digits and hyphens, "
                    + "and start and end with a letter or digit.");
        }
        if (accounts.findByName(name).isPresent()) {
            throw new EntityAlreadyExistsFault("Account with name " + name + " already exists.");
        }
        String accountId;
        do {
            accountId = String.valueOf(100_000_000_000L + Math.floorMod(random.nextLong(), 900_000_000_000L));
        } while (accounts.existsById(accountId));
        Instant now = clock.instant();
        accounts.save(new Account(accountId, name, admin, now));
        AccountUser user = users.save(new AccountUser(accountId, ADMIN_USER, Policy.FULL_ACCESS, now));
        return issueKey(user);
    }

    /** Sets a user's console password without a caller: the first start uses it for the admin. */
    @Transactional
    public String generateConsolePassword(String accountId, String userName) {
        AccountUser user = users.findByAccountIdAndUserName(accountId, userName)
                .orElseThrow(() -> new NoSuchEntityFault("The user with name " + userName + " cannot be found."));
        String password = randomString(PASSWORD_ALPHABET, 20);
        user.passwordHash(passwords.encode(password));
        return password;
    }

    // ------------------------------------------------------------------------------ accounts

    @Transactional
    public IssuedAccessKey createAccount(Caller caller, String name) {
        requireSystemAdmin(caller, "CreateAccount");
        return createAccount(name, false);
    }

    /** Every account for a system administrator; the caller's own otherwise. */
    @Transactional(readOnly = true)
    public List<AccountView> listAccounts(Caller caller) {
        if (caller.systemAdmin()) {
            return accounts.findAllByOrderByCreatedAtAsc().stream().map(IdentityService::view).toList();
        }
        return accounts.findById(caller.accountId()).stream().map(IdentityService::view).toList();
    }

    @Transactional(readOnly = true)
    public AccountView account(Caller caller, String accountId) {
        requireAccess(caller, accountId, false, "GetAccount");
        return accounts.findById(accountId).map(IdentityService::view)
                .orElseThrow(() -> new NoSuchEntityFault("The account " + accountId + " cannot be found."));
    }

    /** The account's quotas: its own where an administrator set them, the installation's otherwise. */
    @Transactional(readOnly = true)
    public AccountQuotas quotas(String accountId) {
        Account account = accounts.findById(accountId).orElseThrow();
        return new AccountQuotas(
                account.clusterQuota() == null ? defaultQuotas.clustersPerAccount() : account.clusterQuota(),
                account.nodeQuota() == null ? defaultQuotas.nodesPerAccount() : account.nodeQuota());
    }

    /** The account's API request rate (requests a second), if an administrator set one. */
    @Transactional(readOnly = true)
    public Optional<Double> requestRate(String accountId) {
        return accounts.findById(accountId).map(Account::apiRequestsPerSecond);
    }

    /** Sets an account's API request rate (null restores the default); system administrators only. */
    @Transactional
    public void setRequestRate(Caller caller, String accountId, Double requestsPerSecond) {
        requireSystemAdmin(caller, "SetAccountRequestRate");
        if (requestsPerSecond != null && !(requestsPerSecond > 0)) {
            throw new InvalidParameterValueException("The request rate must be positive.");
        }
        accounts.findById(accountId)
                .orElseThrow(() -> new NoSuchEntityFault("The account " + accountId + " cannot be found."))
                .apiRequestsPerSecond(requestsPerSecond);
        events.publishEvent(new AccountLimitsChanged(accountId));
    }

    /**
     * An account's own limits, where an administrator set them (null: the installation's default
     * applies), and the quotas in effect.
     */
    public record AccountLimits(Integer clusterQuota, Integer nodeQuota, Double apiRequestsPerSecond, AccountQuotas effective) {}

    @Transactional(readOnly = true)
    public AccountLimits limits(Caller caller, String accountId) {
        requireAccess(caller, accountId, false, "GetAccount");
        Account a = accounts.findById(accountId)
                .orElseThrow(() -> new NoSuchEntityFault("The account " + accountId + " cannot be found."));
        return limits(a);
    }

    /**
     * Changes an account's limits at once: for each, null leaves it as it is, an empty Optional
     * restores the installation's default. System administrators only; on condition that the
     * account is still as the caller last saw it (the REST API's If-Match), checked on the locked row.
     */
    @Transactional
    public AccountLimits updateLimits(Caller caller, String accountId, Optional<Integer> clusters, Optional<Integer> nodes,
                                      Optional<Double> requestsPerSecond,
                                      java.util.function.BiPredicate<AccountView, AccountLimits> expected) {
        requireSystemAdmin(caller, "UpdateAccountLimits");
        Account account = accounts.findForUpdate(accountId)
                .orElseThrow(() -> new NoSuchEntityFault("The account " + accountId + " cannot be found."));
        if (!expected.test(view(account), limits(account))) {
            throw new PreconditionFailedFault("Account " + accountId + " has changed since you read it.");
        }
        Integer newClusters = clusters == null ? account.clusterQuota() : clusters.orElse(null);
        Integer newNodes = nodes == null ? account.nodeQuota() : nodes.orElse(null);
        if (newClusters != null && newClusters < 0 || newNodes != null && newNodes < 0) {
            throw new InvalidParameterValueException("Quotas cannot be negative.");
        }
        Double newRate = requestsPerSecond == null ? account.apiRequestsPerSecond() : requestsPerSecond.orElse(null);
        if (newRate != null && !(newRate > 0)) {
            throw new InvalidParameterValueException("The request rate must be positive.");
        }
        account.quotas(newClusters, newNodes);
        account.apiRequestsPerSecond(newRate);
        events.publishEvent(new AccountLimitsChanged(accountId));
        return limits(account);
    }

    private AccountLimits limits(Account a) {
        return new AccountLimits(a.clusterQuota(), a.nodeQuota(), a.apiRequestsPerSecond(),
                new AccountQuotas(a.clusterQuota() == null ? defaultQuotas.clustersPerAccount() : a.clusterQuota(),
                        a.nodeQuota() == null ? defaultQuotas.nodesPerAccount() : a.nodeQuota()));
    }

    /** Published when an account's limits change, so that caches of them can drop it. */
    public record AccountLimitsChanged(String accountId) {}

    /** Sets an account's quotas (null restores the default); system administrators only. */
    @Transactional
    public AccountQuotas setQuotas(Caller caller, String accountId, Integer clusters, Integer nodes) {
        requireSystemAdmin(caller, "SetAccountQuotas");
        if (clusters != null && clusters < 0 || nodes != null && nodes < 0) {
            throw new InvalidParameterValueException("Quotas cannot be negative.");
        }
        accounts.findById(accountId)
                .orElseThrow(() -> new NoSuchEntityFault("The account " + accountId + " cannot be found."))
                .quotas(clusters, nodes);
        return quotas(accountId);
    }

    /**
     * A system administrator acting inside another account (the console's account switcher, the
     * REST API's {@code Cachalot-Account} header): the same user and policy, in that account.
     * Anyone else may only "switch" to their own account.
     */
    @Transactional(readOnly = true)
    public Caller actAs(Caller caller, String accountId) {
        if (caller.accountId().equals(accountId)) {
            return caller;
        }
        requireSystemAdmin(caller, "SwitchAccount");
        if (!accounts.existsById(accountId)) {
            throw new NoSuchEntityFault("The account " + accountId + " cannot be found.");
        }
        return new Caller(accountId, caller.userName(), caller.accessKeyId(), caller.policy(), true);
    }

    // ------------------------------------------------------------------------------ users

    @Transactional
    public UserView createUser(Caller caller, String accountId, String userName, Policy policy, String password) {
        requireAccess(caller, accountId, true, "CreateUser");
        checkUserName(userName);
        if (users.findByAccountIdAndUserName(accountId, userName).isPresent()) {
            throw new EntityAlreadyExistsFault("User with name " + userName + " already exists.");
        }
        AccountUser user = new AccountUser(accountId, userName, policy == null ? Policy.READ_ONLY : policy, clock.instant());
        if (password != null) {
            user.passwordHash(hash(password));
        }
        try {
            return view(users.saveAndFlush(user));
        } catch (DataIntegrityViolationException e) {
            throw new EntityAlreadyExistsFault("User with name " + userName + " already exists.");
        }
    }

    @Transactional(readOnly = true)
    public List<UserView> listUsers(Caller caller, String accountId) {
        requireAccess(caller, accountId, false, "ListUsers");
        return users.findByAccountIdOrderByUserName(accountId).stream().map(IdentityService::view).toList();
    }

    @Transactional(readOnly = true)
    public UserView user(Caller caller, String accountId, String userName) {
        requireAccess(caller, accountId, false, "GetUser");
        return view(findUser(accountId, userName));
    }

    /**
     * Changes a user's policy and/or console password (null leaves it as is; an empty password
     * removes console access).
     */
    @Transactional
    public UserView updateUser(Caller caller, String accountId, String userName, Policy policy, String password) {
        return updateUser(caller, accountId, userName, policy, password, current -> true);
    }

    /** Update, on condition that the user is still as the caller last saw it (the REST API's If-Match). */
    @Transactional
    public UserView updateUser(Caller caller, String accountId, String userName, Policy policy, String password,
                               Predicate<UserView> expected) {
        requireAccess(caller, accountId, true, "UpdateUser");
        AccountUser user = findUser(accountId, userName);
        if (!expected.test(view(user))) {
            throw new PreconditionFailedFault("User " + userName + " has changed since you read it.");
        }
        if (policy != null) {
            if (policy != Policy.FULL_ACCESS && isSelf(caller, user)) {
                throw new InvalidParameterValueException("You cannot take full access away from yourself.");
            }
            user.policy(policy);
        }
        if (password != null) {
            user.passwordHash(password.isEmpty() ? null : hash(password));
        }
        return view(user);
    }

    @Transactional
    public void deleteUser(Caller caller, String accountId, String userName) {
        requireAccess(caller, accountId, true, "DeleteUser");
        AccountUser user = findUser(accountId, userName);
        if (isSelf(caller, user)) {
            throw new InvalidParameterValueException("You cannot delete the user you are signed in as.");
        }
        keys.deleteAll(keys.findByUserIdOrderByCreatedAtAsc(user.id()));
        users.delete(user);
    }

    // ------------------------------------------------------------------------------ access keys

    @Transactional
    public IssuedAccessKey createAccessKey(Caller caller, String accountId, String userName) {
        requireAccess(caller, accountId, true, "CreateAccessKey");
        AccountUser user = findUser(accountId, userName);
        if (keys.findByUserIdOrderByCreatedAtAsc(user.id()).size() >= MAX_KEYS_PER_USER) {
            throw new LimitExceededFault("Cannot exceed quota for AccessKeysPerUser: " + MAX_KEYS_PER_USER);
        }
        return issueKey(user);
    }

    @Transactional(readOnly = true)
    public List<AccessKeyView> listAccessKeys(Caller caller, String accountId, String userName) {
        requireAccess(caller, accountId, false, "ListAccessKeys");
        AccountUser user = findUser(accountId, userName);
        return keys.findByUserIdOrderByCreatedAtAsc(user.id()).stream().map(k -> view(k, user)).toList();
    }

    /** Activates or deactivates a key; an inactive key no longer authenticates anything. */
    @Transactional
    public AccessKeyView updateAccessKey(Caller caller, String accountId, String userName, String accessKeyId, String status) {
        return updateAccessKey(caller, accountId, userName, accessKeyId, status, current -> true);
    }

    /** Update, on condition that the key is still as the caller last saw it (the REST API's If-Match). */
    @Transactional
    public AccessKeyView updateAccessKey(Caller caller, String accountId, String userName, String accessKeyId, String status,
                                         Predicate<AccessKeyView> expected) {
        requireAccess(caller, accountId, true, "UpdateAccessKey");
        if (!AccessKey.ACTIVE.equals(status) && !AccessKey.INACTIVE.equals(status)) {
            throw new InvalidParameterValueException("Status must be Active or Inactive.");
        }
        AccountUser user = findUser(accountId, userName);
        AccessKey key = findKey(user, accessKeyId);
        if (!expected.test(view(key, user))) {
            throw new PreconditionFailedFault("Access key " + accessKeyId + " has changed since you read it.");
        }
        key.status(status);
        return view(key, user);
    }

    @Transactional
    public void deleteAccessKey(Caller caller, String accountId, String userName, String accessKeyId) {
        requireAccess(caller, accountId, true, "DeleteAccessKey");
        AccountUser user = findUser(accountId, userName);
        keys.delete(findKey(user, accessKeyId));
    }

    // ------------------------------------------------------------------------------ internals

    private IssuedAccessKey issueKey(AccountUser user) {
        String keyId;
        do {
            keyId = "AKIA" + randomString(KEY_ID_ALPHABET, 16);
        } while (keys.existsById(keyId));
        String secret = randomString(SECRET_ALPHABET, 40);
        keys.save(new AccessKey(keyId, user.accountId(), user.id(), cipher.encrypt(secret), clock.instant()));
        return new IssuedAccessKey(user.accountId(), user.userName(), keyId, secret);
    }

    /**
     * Tenancy and policy in one place: another account's identities are out of reach (the answer
     * does not say whether that account exists), and changes need full access.
     */
    private static void requireAccess(Caller caller, String accountId, boolean write, String action) {
        boolean reachable = caller.systemAdmin() || caller.accountId().equals(accountId);
        if (!reachable || (write && !caller.mayWrite())) {
            throw denied(caller, action);
        }
    }

    private static void requireSystemAdmin(Caller caller, String action) {
        if (!caller.systemAdmin()) {
            throw denied(caller, action);
        }
    }

    static AccessDeniedFault denied(Caller caller, String action) {
        return new AccessDeniedFault("User: " + caller.userArn() + " is not authorized to perform: cachalot:" + action);
    }

    private AccountUser findUser(String accountId, String userName) {
        return users.findByAccountIdAndUserName(accountId, userName)
                .orElseThrow(() -> new NoSuchEntityFault("The user with name " + userName + " cannot be found."));
    }

    private AccessKey findKey(AccountUser user, String accessKeyId) {
        return keys.findById(accessKeyId == null ? "" : accessKeyId)
                .filter(k -> k.userId().equals(user.id()))
                .orElseThrow(() -> new NoSuchEntityFault("The Access Key with id " + accessKeyId + " cannot be found."));
    }

    private static boolean isSelf(Caller caller, AccountUser user) {
        return caller.accountId().equals(user.accountId()) && caller.userName().equals(user.userName());
    }

    private static void checkUserName(String userName) {
        if (userName == null || !USER_NAME.matcher(userName).matches()) {
            throw new InvalidParameterValueException("User names have 1 to 64 characters: letters, digits and +=,.@_-");
        }
    }

    private String hash(String password) {
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidParameterValueException("Passwords must have at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        if (password.length() > 72) {
            throw new InvalidParameterValueException("Passwords have at most 72 characters."); // bcrypt's limit
        }
        return passwords.encode(password);
    }

    private Caller caller(AccountUser user, String accessKeyId) {
        boolean adminAccount = accounts.findById(user.accountId()).map(Account::admin).orElse(false);
        return new Caller(user.accountId(), user.userName(), accessKeyId, user.policy(),
                adminAccount && user.policy() == Policy.FULL_ACCESS);
    }

    private static AccountView view(Account a) {
        return new AccountView(a.id(), a.name(), a.admin(), a.createdAt());
    }

    private static UserView view(AccountUser u) {
        return new UserView(u.accountId(), u.userName(), u.policy(), u.passwordHash() != null, u.createdAt());
    }

    private static AccessKeyView view(AccessKey k, AccountUser u) {
        return new AccessKeyView(k.accessKeyId(), k.accountId(), u.userName(), k.status(), k.createdAt(), k.lastUsedAt());
    }

    private String randomString(String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
