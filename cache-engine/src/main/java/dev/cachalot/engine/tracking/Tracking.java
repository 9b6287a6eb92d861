package dev.cachalot.engine.tracking;

import dev.cachalot.engine.protocol.resp.RespReply;
import dev.cachalot.engine.session.ClientRegistry;
import dev.cachalot.engine.session.ClientSession;
import dev.cachalot.engine.util.ByteKey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Server-assisted client-side caching (Redis's tracking.c). Default mode remembers which clients read
 * which keys and sends each one invalidation when the key changes; BCAST mode sends, once per event
 * loop turn, the keys changed under each registered prefix. Invalidations go to RESP3 clients as
 * {@code >2 invalidate [keys]} pushes, or to a RESP2 client subscribed to
 * {@code __redis__:invalidate} through REDIRECT. Data thread only.
 */
public final class Tracking {

    public static final byte[] INVALIDATE_CHANNEL = RespReply.ascii("__redis__:invalidate");
    private static final byte[] INVALIDATE = RespReply.ascii("invalidate");
    private static final byte[] MESSAGE = RespReply.ascii("message");
    private static final byte[] REDIR_BROKEN = RespReply.ascii("tracking-redir-broken");

    private final ClientRegistry clients;
    private final LongSupplier maxKeys;
    private final Runnable scheduleBroadcast;
    /** Default mode: key → ids of clients that may cache it. */
    private final Map<ByteKey, Set<Long>> table = new HashMap<>();
    /** BCAST mode: prefix → clients and the keys changed since the last broadcast (key → who changed it). */
    private final Map<ByteKey, Prefix> prefixes = new LinkedHashMap<>();
    private int trackingClients;
    /** Invalidations for the client that is executing, sent after its reply (null key = flush). */
    private final List<byte[]> pendingForCurrent = new ArrayList<>();
    private ClientSession pendingTarget;
    private boolean broadcastScheduled;

    private static final class Prefix {
        final Set<ClientSession> clients = new HashSet<>();
        final TreeMap<ByteKey, ClientSession> changed = new TreeMap<>(Tracking::compare);
    }

    public Tracking(ClientRegistry clients, LongSupplier maxKeys, Runnable scheduleBroadcast) {
        this.clients = clients;
        this.maxKeys = maxKeys;
        this.scheduleBroadcast = scheduleBroadcast;
    }

    private static int compare(ByteKey a, ByteKey b) {
        return Arrays.compareUnsigned(a.bytes(), b.bytes());
    }

    /** Nobody tracks: the write path's early exit. */
    public boolean isEmpty() {
        return trackingClients == 0;
    }

    public int clientCount() {
        return trackingClients;
    }

    /** Keys in the default-mode table (INFO tracking_total_keys). */
    public int keyCount() {
        return table.size();
    }

    public int prefixCount() {
        return prefixes.size();
    }

    /** Number of (key, client) pairs (INFO tracking_total_items). */
    public long itemCount() {
        long n = 0;
        for (Set<Long> s : table.values()) {
            n += s.size();
        }
        return n;
    }

    // ------------------------------------------------------------------------------ on / off

    public void enable(ClientSession s, ClientSession.TrackingState state) {
        boolean was = s.tracking() != null;
        s.tracking(state);
        if (!was) {
            trackingClients++;
        }
        if (state.bcast) {
            List<byte[]> ps = state.prefixes.isEmpty() ? List.of(new byte[0]) : state.prefixes;
            for (byte[] p : ps) {
                prefixes.computeIfAbsent(new ByteKey(p), k -> new Prefix()).clients.add(s);
            }
        }
    }

    public void disable(ClientSession s) {
        ClientSession.TrackingState t = s.tracking();
        if (t == null) {
            return;
        }
        if (t.bcast) {
            Iterator<Map.Entry<ByteKey, Prefix>> it = prefixes.entrySet().iterator();
            while (it.hasNext()) {
                Prefix p = it.next().getValue();
                p.clients.remove(s);
                if (p.clients.isEmpty()) {
                    it.remove();
                }
            }
        }
        s.tracking(null);
        trackingClients--;
    }

    // ------------------------------------------------------------------------------ reads

    /** A tracking client read a key (default mode): remember it may cache the key. */
    public void remember(ClientSession s, byte[] key) {
        table.computeIfAbsent(new ByteKey(key), k -> new HashSet<>(2)).add(s.id());
        long max = maxKeys.getAsLong();
        if (max > 0 && table.size() > max) {
            evict(table.size() - max);
        }
    }

    /** tracking-table-max-keys: forget keys (sending their invalidation) until the table fits. */
    private void evict(long n) {
        Iterator<Map.Entry<ByteKey, Set<Long>>> it = table.entrySet().iterator();
        List<Map.Entry<ByteKey, Set<Long>>> victims = new ArrayList<>();
        while (n-- > 0 && it.hasNext()) {
            victims.add(it.next());
        }
        for (Map.Entry<ByteKey, Set<Long>> v : victims) {
            table.remove(v.getKey());
            for (long id : v.getValue()) {
                ClientSession c = clients.get(id);
                if (c != null && c.tracking() != null && !c.tracking().bcast) {
                    send(c, v.getKey().bytes());
                }
            }
        }
    }

    // ------------------------------------------------------------------------------ writes

    /**
     * A key changed (signalModifiedKey). {@code current} is the client whose command changed it, or
     * null for expiry and eviction.
     */
    public void invalidate(ClientSession current, byte[] key) {
        if (!prefixes.isEmpty()) {
            ByteKey k = null;
            for (Map.Entry<ByteKey, Prefix> e : prefixes.entrySet()) {
                byte[] p = e.getKey().bytes();
                if (startsWith(key, p)) {
                    if (k == null) {
                        k = new ByteKey(key);
                    }
                    e.getValue().changed.put(k, current == null ? NOBODY : current);
                    if (!broadcastScheduled) {
                        broadcastScheduled = true;
                        scheduleBroadcast.run();
                    }
                }
            }
        }
        Set<Long> ids = table.remove(new ByteKey(key));
        if (ids == null) {
            return;
        }
        for (long id : ids) {
            ClientSession c = clients.get(id);
            if (c == null || c.tracking() == null || c.tracking().bcast) {
                continue;
            }
            if (c.tracking().noloop && c == current) {
                continue;
            }
            if (c == current) {
                pendingTarget = c;
                pendingForCurrent.add(key); // after the reply of the command that changed it
            } else {
                send(c, key);
            }
        }
    }

    private static final ClientSession NOBODY = null;

    /** FLUSHDB / FLUSHALL: every tracking client gets a null invalidation ("everything"). */
    public void invalidateAll(ClientSession current) {
        if (trackingClients == 0) {
            table.clear();
            return;
        }
        for (ClientSession c : clients.all()) {
            if (c.tracking() == null) {
                continue;
            }
            if (c == current) {
                pendingTarget = c;
                pendingForCurrent.add(null);
            } else {
                send(c, null);
            }
        }
        table.clear();
    }

    /** Sends what the executing client's own command invalidated, after its reply (Redis 7's pending keys). */
    public void flushPending(ClientSession current) {
        if (pendingForCurrent.isEmpty()) {
            return;
        }
        if (pendingTarget == current) {
            for (byte[] key : pendingForCurrent) {
                send(current, key);
            }
        }
        pendingForCurrent.clear();
        pendingTarget = null;
    }

    /** BCAST: one message per prefix and client with the keys changed since the last run (beforeSleep). */
    public void broadcast() {
        broadcastScheduled = false;
        for (Prefix p : prefixes.values()) {
            if (p.changed.isEmpty()) {
                continue;
            }
            for (ClientSession c : p.clients) {
                List<byte[]> keys = new ArrayList<>(p.changed.size());
                for (Map.Entry<ByteKey, ClientSession> e : p.changed.entrySet()) {
                    if (c.tracking() != null && c.tracking().noloop && e.getValue() == c) {
                        continue;
                    }
                    keys.add(e.getKey().bytes());
                }
                if (!keys.isEmpty()) {
                    sendKeys(c, keys);
                }
            }
            p.changed.clear();
        }
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        if (prefix.length > key.length) {
            return false;
        }
        return Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private void send(ClientSession c, byte[] keyOrNull) {
        sendKeys(c, keyOrNull == null ? null : List.of(keyOrNull));
    }

    /** Redis's sendTrackingMessage: to the client (RESP3) or its redirect target; null keys = flush. */
    private void sendKeys(ClientSession c, List<byte[]> keys) {
        ClientSession.TrackingState t = c.tracking();
        ClientSession target = c;
        boolean redirected = false;
        if (t != null && t.redirect > 0) {
            target = clients.get(t.redirect);
            if (target == null) {
                t.brokenRedirect = true;
                if (c.resp() == 3) {
                    RespReply r = c.connection().beginPush();
                    r.pushHeader(2);
                    r.bulk(REDIR_BROKEN);
                    r.integer(t.redirect);
                    c.connection().endPush();
                }
                return;
            }
            redirected = true;
        }
        RespReply r;
        if (target.resp() == 3) {
            r = target.connection().beginPush();
            r.pushHeader(2);
            r.bulk(INVALIDATE);
        } else if (redirected && target.has(ClientSession.PUBSUB)) {
            r = target.connection().beginPush();
            r.arrayHeader(3);
            r.bulk(MESSAGE);
            r.bulk(INVALIDATE_CHANNEL);
        } else {
            return; // RESP2 without redirection cannot receive pushes
        }
        if (keys == null) {
            r.nullValue();
        } else {
            r.arrayHeader(keys.size());
            for (byte[] k : keys) {
                r.bulk(k);
            }
        }
        target.connection().endPush();
    }

    /** Prefix conflict check of CLIENT TRACKING … BCAST PREFIX: an existing prefix of this client overlapping {@code p}, or null. */
    public static byte[] overlapping(List<byte[]> mine, byte[] p) {
        for (byte[] q : mine) {
            if (startsWith(p, q) || startsWith(q, p)) {
                return q;
            }
        }
        return null;
    }
}
