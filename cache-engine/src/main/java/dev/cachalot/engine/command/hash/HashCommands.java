package dev.cachalot.engine.command.hash;

import dev.cachalot.engine.command.CommandContext;
import dev.cachalot.engine.command.CommandSpec;
import dev.cachalot.engine.command.KeyEvents;
import dev.cachalot.engine.command.Lookup;
import dev.cachalot.engine.notify.KeyspaceNotifier;
import dev.cachalot.engine.protocol.resp.MutableLong;
import dev.cachalot.engine.protocol.resp.RespNumbers;
import dev.cachalot.engine.protocol.resp.RespReply;
import dev.cachalot.engine.protocol.resp.RespRequest;
import dev.cachalot.engine.store.DataConfig;
import dev.cachalot.engine.store.Database;
import dev.cachalot.engine.store.IntList;
import dev.cachalot.engine.store.type.HashValue;
import dev.cachalot.engine.util.Doubles;
import dev.cachalot.engine.util.LongDouble;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static dev.cachalot.engine.command.AclCategory.HASH;
import static dev.cachalot.engine.command.CommandFlag.DENYOOM;
import static dev.cachalot.engine.command.CommandFlag.FAST;
import static dev.cachalot.engine.command.CommandFlag.READONLY;
import static dev.cachalot.engine.command.CommandFlag.WRITE;
import static dev.cachalot.engine.command.CommandSpec.command;

/** Hash commands (Redis t_hash.c semantics, replies and error texts). */
public final class HashCommands {

    private static final String GROUP = "hash";
    private static final byte[] WITHVALUES = RespReply.ascii("WITHVALUES");

    private HashCommands() {
    }

    public static List<CommandSpec> specs() {
        return List.of(
                command("hset", -4, ctx -> hset(ctx, false)).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl(HASH).group(GROUP)
                        .doc("2.0.0", "Creates or modifies the value of a field in a hash.", "O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is called with multiple field/value pairs.").build(),
                command("hmset", -4, ctx -> hset(ctx, true)).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl(HASH).group(GROUP)
                        .doc("2.0.0", "Sets the values of multiple fields.", "O(N) where N is the number of fields being set.").build(),
                command("hsetnx", 4, HashCommands::hsetnx).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl(HASH).group(GROUP)
                        .doc("2.0.0", "Sets the value of a field in a hash only when the field doesn't exist.", "O(1)").build(),
                command("hget", 3, HashCommands::hget).flags(READONLY, FAST).keys(1, 1, 1).acl(HASH).group(GROUP)
                        .doc("2.0.0", "Returns the value of a field in a hash.", "O(1)").build(),
                command("hmget", -3, HashCommands::hmget).flags(READONLY, FAST).keys(1, 1, 1).acl(HASH).group(GROUP)
                        .doc("2.0.0", "Returns the values of all fields in a hash.", "O(N) where N is the number of fields being requested.").build(),
                command("hdel", -3, HashCommands::hdel).flags(WRITE, FAST).keys(1, 1, 1).acl(HASH).group(GROUP)
                        .doc("2.0.0", "Deletes one or more fields and their values from a hash. Deletes the hash if no fields remain.", "O(N) where N is the number of fields to be removed.").build(),
                command("hlen", 2, HashCommands::hlen).flags(READONLY, FAST).keys(1, 1, 1).acl(HASH).group(GROUP)
                        .doc("2.0.0", "Returns the number of fields in a hash.", "O(1)").build(),
                command("hstrlen", 3, HashCommands::hstrlen).flags(READONLY, FAST).keys(1, 1, 1).acl(HASH).group(GROUP)
                        .doc("3.2.0", "Returns the length of the value of a field.", "O(1)").build(),
                command("hexists", 3, HashCommands::hexists).flags(READONLY, FAST).keys(1, 1, 1).acl(HASH).group(GROUP)
                        .doc("2.0.0", "Determines whether a field exists in a hash.", "O(1)").build(),
                command("hkeys", 2, ctx -> getall(ctx, true, false)).flags(READONLY).keys(1, 1, 1).acl(HASH).group(GROUP)
                        .doc("2.0.0", "Returns all fields in a hash.", "O(N) where N is the size of the hash.").build(),
                command("hvals", 2, ctx -> getall(ctx, false, true)).flags(READONLY).keys(1, 1, 1).acl(HASH).group(GROUP)
                        .doc("2.0.0", "Returns all values in a hash.", "O(N) where N is the size of the hash.").build(),
                command("hgetall", 2, ctx -> getall(ctx, true, true)).flags(READONLY).keys(1, 1, 1).acl(HASH).group(GROUP)
                        .doc("2.0.0", "Returns all fields and values in a hash.", "O(N) where N is the size of the hash.").build(),
                command("hincrby", 4, HashCommands::hincrby).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl(HASH).group(GROUP)
                        .doc("2.0.0", "Increments the integer value of a field in a hash by a number. Uses 0 as initial value if the field doesn't exist.", "O(1)").build(),
                command("hincrbyfloat", 4, HashCommands::hincrbyfloat).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl(HASH).group(GROUP)
                        .doc("2.6.0", "Increments the floating point value of a field by a number. Uses 0 as initial value if the field doesn't exist.", "O(1)").build(),
                command("hrandfield", -2, HashCommands::hrandfield).flags(READONLY).keys(1, 1, 1).acl(HASH).group(GROUP)
                        .doc("6.2.0", "Returns one or more random fields from a hash.", "O(N) where N is the number of fields returned").build(),
                command("hscan", -3, HashCommands::hscan).flags(READONLY).keys(1, 1, 1).acl(HASH).group(GROUP)
                        .doc("2.8.0", "Iterates over fields and values of a hash.", "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.").build());
    }

    /** Finds or creates the hash of argument 1 for a write; null after replying WRONGTYPE. */
    private static HashValue writable(CommandContext ctx, Database db) {
        int slot = Lookup.write(ctx, db, 1, HashValue.class);
        if (slot == Lookup.WRONG) {
            return null;
        }
        if (slot == Lookup.MISSING) {
            RespRequest a = ctx.args();
            HashValue h = new HashValue();
            db.insertAfterMiss(a.buf(), a.offset(1), a.length(1), h);
            return h;
        }
        return (HashValue) db.value(slot);
    }

    static void hset(CommandContext ctx, boolean hmset) {
        RespRequest a = ctx.args();
        if (a.argc() % 2 == 1) {
            ctx.wrongArity();
            return;
        }
        Database db = ctx.db();
        HashValue h = writable(ctx, db);
        if (h == null) {
            return;
        }
        DataConfig cfg = ctx.server().keyspace().config();
        for (int i = 2; i < a.argc(); i++) {
            h.prepareFor(a.length(i), 0, cfg); // hashTypeTryConversion looks at every argument first
        }
        long created = 0;
        for (int i = 2; i < a.argc(); i += 2) {
            if (h.set(a.bytes(i), a.bytes(i + 1), cfg)) {
                created++;
            }
        }
        db.recharge(h);
        KeyEvents.written(ctx, KeyspaceNotifier.HASH, "hset", 1);
        if (hmset) {
            ctx.reply().ok();
        } else {
            ctx.reply().integer(created);
        }
    }

    static void hsetnx(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = Lookup.write(ctx, db, 1, HashValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        if (slot >= 0 && ((HashValue) db.value(slot)).get(a.buf(), a.offset(2), a.length(2)) != null) {
            ctx.reply().raw(RespReply.ZERO);
            return;
        }
        HashValue h = writable(ctx, db);
        h.set(a.bytes(2), a.bytes(3), ctx.server().keyspace().config());
        db.recharge(h);
        KeyEvents.written(ctx, KeyspaceNotifier.HASH, "hset", 1);
        ctx.reply().raw(RespReply.ONE);
    }

    static void hget(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = Lookup.read(ctx, db, 1, HashValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        byte[] v = slot < 0 ? null : ((HashValue) db.value(slot)).get(a.buf(), a.offset(2), a.length(2));
        if (v == null) {
            ctx.reply().nullBulk();
        } else {
            ctx.reply().bulk(v);
        }
    }

    static void hmget(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = Lookup.read(ctx, db, 1, HashValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        HashValue h = slot < 0 ? null : (HashValue) db.value(slot);
        ctx.reply().arrayHeader(a.argc() - 2);
        for (int i = 2; i < a.argc(); i++) {
            byte[] v = h == null ? null : h.get(a.buf(), a.offset(i), a.length(i));
            if (v == null) {
                ctx.reply().nullBulk();
            } else {
                ctx.reply().bulk(v);
            }
        }
    }

    static void hdel(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = Lookup.write(ctx, db, 1, HashValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        if (slot < 0) {
            ctx.reply().raw(RespReply.ZERO);
            return;
        }
        HashValue h = (HashValue) db.value(slot);
        long deleted = 0;
        for (int i = 2; i < a.argc(); i++) {
            if (h.delete(a.buf(), a.offset(i), a.length(i))) {
                deleted++;
                if (h.size() == 0) {
                    break;
                }
            }
        }
        if (deleted > 0) {
            KeyEvents.written(ctx, KeyspaceNotifier.HASH, "hdel", 1);
            Lookup.deleteIfEmpty(ctx, db, slot, h, 1);
        }
        ctx.reply().integer(deleted);
    }

    static void hlen(CommandContext ctx) {
        Database db = ctx.db();
        int slot = Lookup.read(ctx, db, 1, HashValue.class);
        if (slot != Lookup.WRONG) {
            ctx.reply().integer(slot < 0 ? 0 : ((HashValue) db.value(slot)).size());
        }
    }

    static void hstrlen(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = Lookup.read(ctx, db, 1, HashValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        byte[] v = slot < 0 ? null : ((HashValue) db.value(slot)).get(a.buf(), a.offset(2), a.length(2));
        ctx.reply().integer(v == null ? 0 : v.length);
    }

    static void hexists(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = Lookup.read(ctx, db, 1, HashValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        boolean found = slot >= 0 && ((HashValue) db.value(slot)).get(a.buf(), a.offset(2), a.length(2)) != null;
        ctx.reply().raw(found ? RespReply.ONE : RespReply.ZERO);
    }

    static void getall(CommandContext ctx, boolean fields, boolean values) {
        Database db = ctx.db();
        int slot = Lookup.read(ctx, db, 1, HashValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        RespReply r = ctx.reply();
        if (slot < 0) {
            if (fields && values) {
                r.mapHeader(0);
            } else {
                r.arrayHeader(0);
            }
            return;
        }
        HashValue h = (HashValue) db.value(slot);
        if (fields && values) {
            r.mapHeader(h.size());
        } else {
            r.arrayHeader(h.size());
        }
        h.forEach((f, v) -> {
            if (fields) {
                r.bulk(f);
            }
            if (values) {
                r.bulk(v);
            }
        });
    }

    static void hincrby(CommandContext ctx) {
        if (!ctx.longArg(3)) {
            return;
        }
        long incr = ctx.number.value;
        RespRequest a = ctx.args();
        Database db = ctx.db();
        HashValue h = writable(ctx, db);
        if (h == null) {
            return;
        }
        byte[] cur = h.get(a.buf(), a.offset(2), a.length(2));
        long value = 0;
        if (cur != null) {
            MutableLong n = new MutableLong();
            if (!RespNumbers.string2ll(cur, n)) {
                ctx.reply().error("hash value is not an integer");
                dropIfEmpty(db, h);
                return;
            }
            value = n.value;
        }
        if ((incr < 0 && value < 0 && incr < Long.MIN_VALUE - value) || (incr > 0 && value > 0 && incr > Long.MAX_VALUE - value)) {
            ctx.reply().raw(RespReply.ERR_OVERFLOW);
            dropIfEmpty(db, h);
            return;
        }
        value += incr;
        h.set(a.bytes(2), Long.toString(value).getBytes(StandardCharsets.US_ASCII), ctx.server().keyspace().config());
        db.recharge(h);
        KeyEvents.written(ctx, KeyspaceNotifier.HASH, "hincrby", 1);
        ctx.reply().integer(value);
    }

    /** A hash created for a command that then failed must not stay behind empty. */
    private static void dropIfEmpty(Database db, HashValue h) {
        if (h.size() == 0) {
            int slot = db.lookupNoTouch(h.key());
            if (slot >= 0) {
                db.deleteSlot(slot);
            }
        }
    }

    static void hincrbyfloat(CommandContext ctx) {
        RespRequest a = ctx.args();
        String incrText = a.string(3);
        double check = Doubles.parse(incrText);
        if (Double.isNaN(check)) {
            ctx.reply().raw(dev.cachalot.engine.command.string.StringCommands.ERR_NOT_FLOAT);
            return;
        }
        if (Double.isInfinite(check)) {
            ctx.reply().error("value is NaN or Infinity");
            return;
        }
        BigDecimal incr = LongDouble.parse(incrText);
        Database db = ctx.db();
        HashValue h = writable(ctx, db);
        if (h == null) {
            return;
        }
        byte[] cur = h.get(a.buf(), a.offset(2), a.length(2));
        BigDecimal value = BigDecimal.ZERO;
        if (cur != null) {
            value = LongDouble.parse(new String(cur, StandardCharsets.ISO_8859_1));
            if (value == null) {
                ctx.reply().error("hash value is not a float");
                dropIfEmpty(db, h);
                return;
            }
        }
        BigDecimal sum = LongDouble.add(value, incr);
        if (LongDouble.overflows(sum)) {
            ctx.reply().error("increment would produce NaN or Infinity");
            dropIfEmpty(db, h);
            return;
        }
        byte[] out = LongDouble.format(sum).getBytes(StandardCharsets.ISO_8859_1);
        h.set(a.bytes(2), out, ctx.server().keyspace().config());
        db.recharge(h);
        KeyEvents.written(ctx, KeyspaceNotifier.HASH, "hincrbyfloat", 1);
        ctx.reply().bulk(out);
    }

    /** HRANDFIELD key [count [WITHVALUES]] (hrandfieldCommand / hrandfieldWithCountCommand). */
    static void hrandfield(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        SplittableRandom random = ctx.server().keyspace().random();
        if (a.argc() >= 3) {
            if (!ctx.longArg(2)) {
                return;
            }
            long l = ctx.number.value;
            if (l == Long.MIN_VALUE) {
                ctx.reply().error("value is out of range, value must between -9223372036854775807 and 9223372036854775807");
                return;
            }
            boolean withValues = false;
            if (a.argc() > 4 || (a.argc() == 4 && !a.is(3, WITHVALUES))) {
                ctx.reply().raw(RespReply.ERR_SYNTAX);
                return;
            } else if (a.argc() == 4) {
                withValues = true;
                if (l < -Long.MAX_VALUE / 2 || l > Long.MAX_VALUE / 2) {
                    ctx.reply().error("value is out of range");
                    return;
                }
            }
            int slot = Lookup.read(ctx, db, 1, HashValue.class);
            if (slot == Lookup.WRONG) {
                return;
            }
            if (slot < 0) {
                ctx.reply().raw(RespReply.EMPTY_ARRAY);
                return;
            }
            withCount(ctx, (HashValue) db.value(slot), l, withValues, random);
            return;
        }
        int slot = Lookup.read(ctx, db, 1, HashValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        if (slot < 0) {
            ctx.reply().nullBulk();
            return;
        }
        HashValue h = (HashValue) db.value(slot);
        ctx.reply().bulk(h.fieldAt(h.randomIndex(random)));
    }

    private static void withCount(CommandContext ctx, HashValue h, long l, boolean withValues, SplittableRandom random) {
        RespReply r = ctx.reply();
        boolean resp3 = ctx.session().resp() > 2;
        long count = l >= 0 ? l : -l;
        boolean unique = l >= 0;
        if (count == 0) {
            r.raw(RespReply.EMPTY_ARRAY);
            return;
        }
        int size = h.size();
        if (!unique || count == 1) {
            r.arrayHeader((int) (withValues && !resp3 ? count * 2 : count));
            for (long i = 0; i < count; i++) {
                int idx = h.randomIndex(random);
                pair(r, h.fieldAt(idx), withValues ? h.valueAt(idx) : null, withValues && resp3);
            }
            return;
        }
        byte[][][] all = h.toArrays();
        int n = (int) Math.min(count, size);
        if (n < size) {
            // partial Fisher-Yates: the first n positions become a uniform sample without repetition
            for (int i = 0; i < n; i++) {
                int j = i + random.nextInt(size - i);
                byte[] t = all[0][i];
                all[0][i] = all[0][j];
                all[0][j] = t;
                t = all[1][i];
                all[1][i] = all[1][j];
                all[1][j] = t;
            }
        }
        r.arrayHeader(withValues && !resp3 ? n * 2 : n);
        for (int i = 0; i < n; i++) {
            pair(r, all[0][i], withValues ? all[1][i] : null, withValues && resp3);
        }
    }

    private static void pair(RespReply r, byte[] field, byte[] value, boolean nested) {
        if (nested) {
            r.arrayHeader(2);
        }
        r.bulk(field);
        if (value != null) {
            r.bulk(value);
        }
    }

    static void hscan(CommandContext ctx) {
        long[] cursor = new long[1];
        if (!Lookup.scanCursor(ctx, 2, cursor)) {
            return;
        }
        Lookup.ScanOptions o = Lookup.scanOptions(ctx, 3, false);
        if (o == null) {
            return;
        }
        Database db = ctx.db();
        int slot = Lookup.read(ctx, db, 1, HashValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        if (slot < 0) {
            Lookup.scanReplyHeader(ctx, 0, 0);
            return;
        }
        HashValue h = (HashValue) db.value(slot);
        List<byte[]> out = new ArrayList<>();
        IntList slots = new IntList();
        long c = cursor[0];
        long maxIterations = o.count * 10;
        do {
            c = h.scan(c, slots, (f, v) -> {
                if (o.matches(f)) {
                    out.add(f);
                    out.add(v);
                }
            });
        } while (c != 0 && maxIterations-- > 0 && out.size() / 2 < o.count);
        Lookup.scanReplyHeader(ctx, c, out.size());
        for (byte[] b : out) {
            ctx.reply().bulk(b);
        }
    }
}
