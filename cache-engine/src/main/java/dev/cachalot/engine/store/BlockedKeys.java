package dev.cachalot.engine.store;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which keys clients are blocked on (BLPOP, BZPOPMIN, BLMOVE…), in blocking order per key, and which
 * of those keys became ready since the last check: Redis's {@code blocking_keys} and
 * {@code ready_keys}. The store only records waiters (opaque objects) and readiness; the command
 * layer serves them after each command. Checking readiness costs one field read while no client
 * is blocked.
 */
public final class BlockedKeys {

    /** A key in a database, with value equality on the bytes. */
    public record DbKey(int db, byte[] key) {
        @Override
        public boolean equals(Object o) {
            return o instanceof DbKey k && k.db == db && Arrays.equals(k.key, key);
        }

        @Override
        public int hashCode() {
            return db * 31 + Arrays.hashCode(key);
        }
    }

    private final Map<DbKey, ArrayDeque<Object>> waiters = new HashMap<>();
    private final Set<DbKey> ready = new LinkedHashSet<>();
    private int blockedClients;

    /** Clients blocked on keys, for INFO's blocked_clients. */
    public int blockedClients() {
        return blockedClients;
    }

    public void clientBlocked() {
        blockedClients++;
    }

    public void clientUnblocked() {
        blockedClients--;
    }

    /** Appends {@code waiter} to the queue of {@code key}. */
    public void add(DbKey key, Object waiter) {
        waiters.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(waiter);
    }

    public void remove(DbKey key, Object waiter) {
        ArrayDeque<Object> q = waiters.get(key);
        if (q != null) {
            q.remove(waiter);
            if (q.isEmpty()) {
                waiters.remove(key);
            }
        }
    }

    /** The waiters of {@code key} in blocking order (live view), or null. */
    public ArrayDeque<Object> waiters(DbKey key) {
        return waiters.get(key);
    }

    /** Every key someone waits on (for SWAPDB and FLUSH re-checks). */
    public Set<DbKey> keys() {
        return waiters.keySet();
    }

    /** A value was pushed to {@code key} (Redis's signalKeyAsReady); cheap when nobody waits. */
    public void signalReady(int db, byte[] keyArray, int off, int len) {
        if (blockedClients == 0) {
            return;
        }
        DbKey k = new DbKey(db, Arrays.copyOfRange(keyArray, off, off + len));
        if (waiters.containsKey(k)) {
            ready.add(k);
        }
    }

    public boolean hasReady() {
        return !ready.isEmpty();
    }

    /** Takes the keys that became ready, oldest first. */
    public DbKey[] drainReady() {
        DbKey[] out = ready.toArray(new DbKey[0]);
        ready.clear();
        return out;
    }
}
