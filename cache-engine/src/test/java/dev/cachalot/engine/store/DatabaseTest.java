package dev.cachalot.engine.store;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The byte-keyed table and its expiry against a plain HashMap model, under a controlled clock (the one
 * thing outside the engine a test may fake).
 */
class DatabaseTest {

    final AtomicLong clock = new AtomicLong(1_000_000);
    final Keyspace keyspace = new Keyspace(clock::get);
    final Database db = keyspace.db(0);

    static ByteBuf key(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    int lookup(String k) {
        ByteBuf b = key(k);
        try {
            return db.lookupRead(b, 0, b.readableBytes());
        } finally {
            b.release();
        }
    }

    void set(String k, String v, long expireAt) {
        ByteBuf kb = key(k);
        ByteBuf vb = key(v);
        try {
            assertThat(Strings.set(db, kb, 0, kb.readableBytes(), vb, 0, vb.readableBytes(), 0, expireAt)).isEqualTo(StoreStatus.OK);
        } finally {
            kb.release();
            vb.release();
        }
    }

    boolean delete(String k) {
        ByteBuf b = key(k);
        try {
            return db.delete(b, 0, b.readableBytes());
        } finally {
            b.release();
        }
    }

    @Test
    void prefetchChangesNothing() {
        set("present", "value", -1);
        set("soon", "gone", clock.get() + 10);
        int slot = lookup("present");
        int lru = db.lru(slot);
        long hits = keyspace.stats().keyspaceHits;
        long misses = keyspace.stats().keyspaceMisses;
        clock.addAndGet(60_000);
        String[] keys = {"present", "soon", "absent", ""};
        int[] hashes = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            hashes[i] = KeyHash.hash(keys[i].getBytes(StandardCharsets.UTF_8));
        }
        Object[] scratch = new Object[keys.length];
        db.prefetch(hashes, keys.length, scratch);
        assertThat(scratch).containsOnlyNulls();
        // no access time, no statistics, no expiry: only a lookup does those
        assertThat(db.lru(slot)).isEqualTo(lru);
        assertThat(keyspace.stats().keyspaceHits).isEqualTo(hits);
        assertThat(keyspace.stats().keyspaceMisses).isEqualTo(misses);
        assertThat(keyspace.stats().expiredKeys).isZero();
        assertThat(db.size()).isEqualTo(2);
    }

    @Test
    void randomOperationsMatchAHashMap() {
        Random random = new Random(1);
        Map<String, String> model = new HashMap<>();
        Map<String, Long> ttl = new HashMap<>();
        for (int op = 0; op < 200_000; op++) {
            String k = "k" + random.nextInt(3000);
            Long due = ttl.get(k);
            if (due != null && due <= clock.get()) { // the table treats a due key as gone
                model.remove(k);
                ttl.remove(k);
            }
            switch (random.nextInt(6)) {
                case 0, 1 -> {
                    String v = "v" + random.nextInt(100);
                    long exp = random.nextInt(4) == 0 ? clock.get() + 1 + random.nextInt(1000) : -1;
                    set(k, v, exp);
                    model.put(k, v);
                    if (exp == -1) {
                        ttl.remove(k);
                    } else {
                        ttl.put(k, exp);
                    }
                }
                case 2 -> {
                    assertThat(delete(k)).isEqualTo(model.remove(k) != null);
                    ttl.remove(k);
                }
                case 3 -> clock.addAndGet(random.nextInt(20));
                default -> {
                    int slot = lookup(k);
                    String expected = model.get(k);
                    assertThat(slot >= 0).as("presence of %s", k).isEqualTo(expected != null);
                    if (slot >= 0) {
                        assertThat(new String(StringEntry.value((byte[]) db.value(slot)), StandardCharsets.UTF_8)).isEqualTo(expected);
                        assertThat(db.expireAt(slot)).isEqualTo(ttl.getOrDefault(k, -1L));
                    }
                }
            }
            // the model forgets keys whose time has passed, as lazy expiry does on access
            if (op % 1000 == 0) {
                ttl.entrySet().removeIf(e -> {
                    if (e.getValue() <= clock.get()) {
                        model.remove(e.getKey());
                        return true;
                    }
                    return false;
                });
                keyspace.activeExpireCycle(1_000_000_000L);
                assertThat(db.size()).isGreaterThanOrEqualTo(model.size() - ttl.size());
            }
        }
        for (Map.Entry<String, String> e : model.entrySet()) {
            long exp = ttl.getOrDefault(e.getKey(), -1L);
            assertThat(lookup(e.getKey()) >= 0).isEqualTo(exp == -1 || exp > clock.get());
        }
    }

    @Test
    void lazyExpiryOnLookupCountsExpiredKeys() {
        set("a", "1", clock.get() + 10);
        assertThat(lookup("a")).isNotNegative();
        clock.addAndGet(10);
        assertThat(lookup("a")).isEqualTo(Database.NOT_FOUND);
        assertThat(keyspace.stats().expiredKeys).isEqualTo(1);
        assertThat(db.size()).isZero();
        assertThat(db.volatileSize()).isZero();
    }

    @Test
    void activeExpiryDeletesDueKeysWithoutLookups() {
        for (int i = 0; i < 10_000; i++) {
            set("t" + i, "v", clock.get() + 5);
        }
        for (int i = 0; i < 100; i++) {
            set("p" + i, "v", -1);
        }
        set("later", "v", clock.get() + 1_000_000);
        clock.addAndGet(5);
        while (db.size() > 101) {
            keyspace.activeExpireCycle(1_000_000_000L);
        }
        assertThat(db.volatileSize()).isEqualTo(1);
        assertThat(keyspace.stats().expiredKeys).isEqualTo(10_000);
        assertThat(keyspace.stats().expiredByCycle).isEqualTo(10_000);
        assertThat(lookup("later")).isNotNegative();
    }

    @Test
    void activeExpiryStopsWhenFewSampledKeysAreDue() {
        for (int i = 0; i < 1000; i++) {
            set("t" + i, "v", clock.get() + (i < 10 ? 1 : 1_000_000));
        }
        clock.addAndGet(1);
        keyspace.activeExpireCycle(1_000_000_000L);
        // one sample of 20 finds at most a few due keys (< 25%), so the cycle does not scan everything
        assertThat(db.size()).isGreaterThan(990 - 20);
    }

    @Test
    void persistAndOverwriteDropTimeToLive() {
        set("a", "1", clock.get() + 100);
        int slot = lookup("a");
        assertThat(db.clearExpire(slot)).isTrue();
        assertThat(db.clearExpire(slot)).isFalse();
        assertThat(db.expireAt(slot)).isEqualTo(-1);
        set("b", "1", clock.get() + 100);
        set("b", "2", -1);
        assertThat(db.expireAt(lookup("b"))).isEqualTo(-1);
        assertThat(db.volatileSize()).isZero();
    }

    @Test
    void collidingAndBinaryKeys() {
        for (int i = 0; i < 256; i++) {
            byte[] k = {(byte) i, 0, (byte) (255 - i)};
            db.putString(k, new byte[] {(byte) i});
        }
        for (int i = 0; i < 256; i++) {
            ByteBuf b = Unpooled.wrappedBuffer(new byte[] {(byte) i, 0, (byte) (255 - i)});
            int slot = db.lookupRead(b, 0, 3);
            assertThat(StringEntry.value((byte[]) db.value(slot))[0]).isEqualTo((byte) i);
            assertThat(db.key(slot)).containsExactly((byte) i, 0, (byte) (255 - i));
        }
        assertThat(db.size()).isEqualTo(256);
        db.clear();
        assertThat(db.size()).isZero();
    }
}
