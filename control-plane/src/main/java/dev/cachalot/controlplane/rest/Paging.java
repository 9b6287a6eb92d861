package dev.cachalot.controlplane.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cachalot.controlplane.fault.InvalidParameterValueException;
import dev.cachalot.controlplane.identity.Caller;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Cursor pagination of every list: {@code ?limit=} (1–100, default 50) and {@code ?cursor=}
 * from the previous page's {@code nextCursor}, absent on the last page. A cursor is opaque to
 * clients; inside is where the next page starts (the last key of the page, exclusive), the
 * listing it belongs to and the account, so it cannot be replayed by another account or on
 * another list: such a cursor is refused as {@code InvalidParameterValue}.
 */
final class Paging {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;
    private static final String VERSION = "c1";
    private static final char SEPARATOR = '\n';

    private Paging() {}

    /** A page of a list. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Page<T>(List<T> items, String nextCursor) {}

    static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidParameterValueException("The parameter limit must be between 1 and " + MAX_LIMIT + ".");
        }
        return limit;
    }

    static String encode(String listing, Caller caller, String lastKey) {
        String plain = VERSION + SEPARATOR + listing + SEPARATOR + caller.accountId() + SEPARATOR + lastKey;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Where the page starts (exclusive), or empty for the first page. */
    static Optional<String> decode(String listing, Caller caller, String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return Optional.empty();
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        String[] parts = plain.split(String.valueOf(SEPARATOR), 4);
        if (parts.length != 4 || !parts[0].equals(VERSION) || !parts[1].equals(listing) || !parts[2].equals(caller.accountId())) {
            throw invalid();
        }
        return Optional.of(parts[3]);
    }

    /**
     * One page of a complete list that a service returns whole (small lists: users, keys,
     * accounts, hosts), ordered by a unique key.
     */
    static <V, R> Page<R> slice(String listing, Caller caller, List<V> all, Function<V, String> key, Function<V, R> representation,
                                Integer limit, String cursor) {
        int n = limit(limit);
        Optional<String> after = decode(listing, caller, cursor);
        List<V> rest = all.stream()
                .sorted(Comparator.comparing(key))
                .filter(v -> after.isEmpty() || key.apply(v).compareTo(after.get()) > 0)
                .toList();
        List<V> page = rest.size() > n ? rest.subList(0, n) : rest;
        return new Page<>(page.stream().map(representation).toList(),
                rest.size() > n ? encode(listing, caller, key.apply(page.getLast())) : null);
    }

    private static InvalidParameterValueException invalid() {
        return new InvalidParameterValueException("Invalid cursor: use the nextCursor of a page of the same list, as the same account.");
    }
}
