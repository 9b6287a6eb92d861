package dev.cachalot.engine.session;

import dev.cachalot.engine.store.Keyspace;
import dev.cachalot.engine.util.ByteKey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which clients WATCH which keys (Redis's per-database watched_keys dicts): a modified key marks its
 * watchers DIRTY_CAS so that their EXEC fails. Data thread only.
 */
public final class WatchTable {

    @SuppressWarnings("unchecked")
    private final Map<ByteKey, List<ClientSession>>[] dbs = new Map[Keyspace.DATABASES];
    private int keys;

    public WatchTable() {
        for (int i = 0; i < dbs.length; i++) {
            dbs[i] = new HashMap<>();
        }
    }

    /** True when no client watches anything: the write path's early exit. */
    public boolean isEmpty() {
        return keys == 0;
    }

    /** WATCH: {@code deadline} is the key's expiry time at WATCH (-1 if none), for EXEC's expiry check. */
    public void watch(ClientSession s, int db, byte[] key, long deadline) {
        ByteKey k = new ByteKey(key);
        for (ClientSession.WatchedKey w : s.watched()) {
            if (w.db() == db && w.key().equals(k)) {
                return;
            }
        }
        List<ClientSession> clients = dbs[db].get(k);
        if (clients == null) {
            clients = new ArrayList<>(2);
            dbs[db].put(k, clients);
            keys++;
        }
        clients.add(s);
        s.addWatched(new ClientSession.WatchedKey(db, k, deadline));
    }

    /** UNWATCH, EXEC, DISCARD, RESET, disconnect. */
    public void unwatchAll(ClientSession s) {
        for (ClientSession.WatchedKey w : s.watched()) {
            List<ClientSession> clients = dbs[w.db()].get(w.key());
            if (clients != null) {
                clients.remove(s);
                if (clients.isEmpty()) {
                    dbs[w.db()].remove(w.key());
                    keys--;
                }
            }
        }
        s.clearWatched();
    }

    /** signalModifiedKey: every watcher of the key becomes DIRTY_CAS. */
    public void touch(int db, byte[] key) {
        if (keys == 0) {
            return;
        }
        List<ClientSession> clients = dbs[db].get(new ByteKey(key));
        if (clients != null) {
            dirty(clients);
        }
    }

    /**
     * FLUSHDB / FLUSHALL / SWAPDB (Redis's touchAllWatchedKeysInDb): the watchers of the keys of
     * database {@code db} for which {@code changed} holds become DIRTY_CAS; a watched key that did
     * not exist, and still does not, changed nothing.
     */
    public void touchDb(int db, java.util.function.Predicate<byte[]> changed) {
        if (keys == 0) {
            return;
        }
        for (Map.Entry<ByteKey, List<ClientSession>> e : new ArrayList<>(dbs[db].entrySet())) {
            if (changed.test(e.getKey().bytes())) {
                dirty(e.getValue());
            }
        }
    }

    private void dirty(List<ClientSession> clients) {
        for (ClientSession c : new ArrayList<>(clients)) {
            c.set(ClientSession.DIRTY_CAS);
            // as Redis: a dirty client has nothing left to watch
            unwatchAll(c);
        }
    }

    /** Number of watched keys (INFO's watching_clients/total_watched_keys). */
    public int size() {
        return keys;
    }
}
