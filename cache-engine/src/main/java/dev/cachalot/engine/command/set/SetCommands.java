package dev.cachalot.engine.command.set;

import dev.cachalot.engine.command.CommandContext;
import dev.cachalot.engine.command.CommandSpec;
import dev.cachalot.engine.command.KeyEvents;
import dev.cachalot.engine.command.Lookup;
import dev.cachalot.engine.notify.KeyspaceNotifier;
import dev.cachalot.engine.protocol.resp.RespReply;
import dev.cachalot.engine.protocol.resp.RespRequest;
import dev.cachalot.engine.store.DataConfig;
import dev.cachalot.engine.store.Database;
import dev.cachalot.engine.store.IntList;
import dev.cachalot.engine.store.type.SetValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static dev.cachalot.engine.command.AclCategory.SET;
import static dev.cachalot.engine.command.CommandFlag.DENYOOM;
import static dev.cachalot.engine.command.CommandFlag.FAST;
import static dev.cachalot.engine.command.CommandFlag.MOVABLEKEYS;
import static dev.cachalot.engine.command.CommandFlag.READONLY;
import static dev.cachalot.engine.command.CommandFlag.WRITE;
import static dev.cachalot.engine.command.CommandSpec.command;

/** Set commands (Redis t_set.c semantics, replies and error texts). */
public final class SetCommands {

    private static final String GROUP = "set";
    private static final byte[] LIMIT = RespReply.ascii("LIMIT");
    private static final int UNION = 0;
    private static final int DIFF = 1;

    private SetCommands() {
    }

    public static List<CommandSpec> specs() {
        return List.of(
                command("sadd", -3, SetCommands::sadd).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl(SET).group(GROUP)
                        .doc("1.0.0", "Adds one or more members to a set. Creates the key if it doesn't exist.", "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.").build(),
                command("srem", -3, SetCommands::srem).flags(WRITE, FAST).keys(1, 1, 1).acl(SET).group(GROUP)
                        .doc("1.0.0", "Removes one or more members from a set. Deletes the set if the last member was removed.", "O(N) where N is the number of members to be removed.").build(),
                command("scard", 2, SetCommands::scard).flags(READONLY, FAST).keys(1, 1, 1).acl(SET).group(GROUP)
                        .doc("1.0.0", "Returns the number of members in a set.", "O(1)").build(),
                command("sismember", 3, SetCommands::sismember).flags(READONLY, FAST).keys(1, 1, 1).acl(SET).group(GROUP)
                        .doc("1.0.0", "Determines whether a member belongs to a set.", "O(1)").build(),
                command("smismember", -3, SetCommands::smismember).flags(READONLY, FAST).keys(1, 1, 1).acl(SET).group(GROUP)
                        .doc("6.2.0", "Determines whether multiple members belong to a set.", "O(N) where N is the number of elements being checked for membership").build(),
                command("smembers", 2, SetCommands::smembers).flags(READONLY).keys(1, 1, 1).acl(SET).group(GROUP)
                        .doc("1.0.0", "Returns all members of a set.", "O(N) where N is the set cardinality.").build(),
                command("spop", -2, SetCommands::spop).flags(WRITE, FAST).keys(1, 1, 1).acl(SET).group(GROUP)
                        .doc("1.0.0", "Returns one or more random members from a set after removing them. Deletes the set if the last member was popped.", "Without the count argument O(1), otherwise O(N) where N is the value of the passed count.").build(),
                command("srandmember", -2, SetCommands::srandmember).flags(READONLY).keys(1, 1, 1).acl(SET).group(GROUP)
                        .doc("1.0.0", "Get one or multiple random members from a set", "Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count.").build(),
                command("smove", 4, SetCommands::smove).flags(WRITE, FAST).keys(1, 2, 1).acl(SET).group(GROUP)
                        .doc("1.0.0", "Moves a member from one set to another.", "O(1)").build(),
                command("sinter", -2, ctx -> sinter(ctx, 1, ctx.args().argc() - 1, -1, false, 0)).flags(READONLY).keys(1, -1, 1).acl(SET).group(GROUP)
                        .doc("1.0.0", "Returns the intersect of multiple sets.", "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.").build(),
                command("sinterstore", -3, ctx -> sinter(ctx, 2, ctx.args().argc() - 2, 1, false, 0)).flags(WRITE, DENYOOM).keys(1, -1, 1).acl(SET).group(GROUP)
                        .doc("1.0.0", "Stores the intersect of multiple sets in a key.", "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.").build(),
                command("sintercard", -3, SetCommands::sintercard).flags(READONLY, MOVABLEKEYS).keys(0, 0, 0).acl(SET).group(GROUP)
                        .doc("7.0.0", "Returns the number of members of the intersect of multiple sets.", "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.").build(),
                command("sunion", -2, ctx -> unionDiff(ctx, 1, -1, UNION)).flags(READONLY).keys(1, -1, 1).acl(SET).group(GROUP)
                        .doc("1.0.0", "Returns the union of multiple sets.", "O(N) where N is the total number of elements in all given sets.").build(),
                command("sunionstore", -3, ctx -> unionDiff(ctx, 2, 1, UNION)).flags(WRITE, DENYOOM).keys(1, -1, 1).acl(SET).group(GROUP)
                        .doc("1.0.0", "Stores the union of multiple sets in a key.", "O(N) where N is the total number of elements in all given sets.").build(),
                command("sdiff", -2, ctx -> unionDiff(ctx, 1, -1, DIFF)).flags(READONLY).keys(1, -1, 1).acl(SET).group(GROUP)
                        .doc("1.0.0", "Returns the difference of multiple sets.", "O(N) where N is the total number of elements in all given sets.").build(),
                command("sdiffstore", -3, ctx -> unionDiff(ctx, 2, 1, DIFF)).flags(WRITE, DENYOOM).keys(1, -1, 1).acl(SET).group(GROUP)
                        .doc("1.0.0", "Stores the difference of multiple sets in a key.", "O(N) where N is the total number of elements in all given sets.").build(),
                command("sscan", -3, SetCommands::sscan).flags(READONLY).keys(1, 1, 1).acl(SET).group(GROUP)
                        .doc("2.8.0", "Iterates over members of a set.", "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.").build());
    }

    private static DataConfig cfg(CommandContext ctx) {
        return ctx.server().keyspace().config();
    }

    static void sadd(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = Lookup.write(ctx, db, 1, SetValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        SetValue s = slot >= 0 ? (SetValue) db.value(slot) : SetValue.create(a.bytes(2), a.argc() - 2, cfg(ctx));
        long added = 0;
        for (int i = 2; i < a.argc(); i++) {
            if (s.add(a.bytes(i), cfg(ctx))) {
                added++;
            }
        }
        if (slot < 0) {
            db.insertAfterMiss(a.buf(), a.offset(1), a.length(1), s);
        } else {
            db.recharge(s);
        }
        if (added > 0) {
            KeyEvents.written(ctx, KeyspaceNotifier.SET, "sadd", 1);
        }
        ctx.reply().integer(added);
    }

    static void srem(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = Lookup.write(ctx, db, 1, SetValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        if (slot < 0) {
            ctx.reply().raw(RespReply.ZERO);
            return;
        }
        SetValue s = (SetValue) db.value(slot);
        long removed = 0;
        for (int i = 2; i < a.argc(); i++) {
            if (s.remove(a.bytes(i))) {
                removed++;
                if (s.size() == 0) {
                    break;
                }
            }
        }
        if (removed > 0) {
            KeyEvents.written(ctx, KeyspaceNotifier.SET, "srem", 1);
            Lookup.deleteIfEmpty(ctx, db, slot, s, 1);
        }
        ctx.reply().integer(removed);
    }

    static void scard(CommandContext ctx) {
        Database db = ctx.db();
        int slot = Lookup.read(ctx, db, 1, SetValue.class);
        if (slot != Lookup.WRONG) {
            ctx.reply().integer(slot < 0 ? 0 : ((SetValue) db.value(slot)).size());
        }
    }

    static void sismember(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = Lookup.read(ctx, db, 1, SetValue.class);
        if (slot != Lookup.WRONG) {
            boolean member = slot >= 0 && ((SetValue) db.value(slot)).contains(a.buf(), a.offset(2), a.length(2));
            ctx.reply().raw(member ? RespReply.ONE : RespReply.ZERO);
        }
    }

    static void smismember(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = Lookup.read(ctx, db, 1, SetValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        SetValue s = slot < 0 ? null : (SetValue) db.value(slot);
        ctx.reply().arrayHeader(a.argc() - 2);
        for (int i = 2; i < a.argc(); i++) {
            ctx.reply().raw(s != null && s.contains(a.buf(), a.offset(i), a.length(i)) ? RespReply.ONE : RespReply.ZERO);
        }
    }

    static void smembers(CommandContext ctx) {
        Database db = ctx.db();
        int slot = Lookup.read(ctx, db, 1, SetValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        if (slot < 0) {
            ctx.reply().setHeader(0);
            return;
        }
        SetValue s = (SetValue) db.value(slot);
        ctx.reply().setHeader(s.size());
        s.forEach(ctx.reply()::bulk);
    }

    static void spop(CommandContext ctx) {
        RespRequest a = ctx.args();
        if (a.argc() > 3) {
            ctx.reply().raw(RespReply.ERR_SYNTAX);
            return;
        }
        long count = -1;
        if (a.argc() == 3) {
            if (!a.parseLong(2, ctx.number) || ctx.number.value < 0) {
                ctx.reply().error("value is out of range, must be positive");
                return;
            }
            count = ctx.number.value;
        }
        Database db = ctx.db();
        int slot = Lookup.write(ctx, db, 1, SetValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        if (slot < 0) {
            if (count < 0) {
                ctx.reply().nullBulk();
            } else {
                ctx.reply().setHeader(0);
            }
            return;
        }
        SetValue s = (SetValue) db.value(slot);
        SplittableRandom random = ctx.server().keyspace().random();
        if (count < 0) {
            byte[] m = s.pop(random);
            KeyEvents.written(ctx, KeyspaceNotifier.SET, "spop", 1);
            Lookup.deleteIfEmpty(ctx, db, slot, s, 1);
            ctx.reply().bulk(m);
            return;
        }
        if (count == 0) {
            ctx.reply().setHeader(0);
            return;
        }
        if (count >= s.size()) {
            // the whole set, in its own order, and the key goes away
            ctx.reply().setHeader(s.size());
            s.forEach(ctx.reply()::bulk);
            db.deleteSlot(slot);
            KeyEvents.written(ctx, KeyspaceNotifier.SET, "spop", 1);
            KeyEvents.event(ctx, KeyspaceNotifier.GENERIC, "del", 1);
            return;
        }
        int n = (int) count;
        ctx.reply().setHeader(n);
        for (int i = 0; i < n; i++) {
            ctx.reply().bulk(s.pop(random));
        }
        KeyEvents.written(ctx, KeyspaceNotifier.SET, "spop", 1);
        Lookup.deleteIfEmpty(ctx, db, slot, s, 1);
    }

    static void srandmember(CommandContext ctx) {
        RespRequest a = ctx.args();
        if (a.argc() > 3) {
            ctx.reply().raw(RespReply.ERR_SYNTAX);
            return;
        }
        SplittableRandom random = ctx.server().keyspace().random();
        Database db = ctx.db();
        if (a.argc() == 3) {
            if (!ctx.longArg(2)) {
                return;
            }
            long l = ctx.number.value;
            if (l == Long.MIN_VALUE) {
                ctx.reply().error("value is out of range, value must between -9223372036854775807 and 9223372036854775807");
                return;
            }
            int slot = Lookup.read(ctx, db, 1, SetValue.class);
            if (slot == Lookup.WRONG) {
                return;
            }
            if (slot < 0 || l == 0) {
                ctx.reply().raw(RespReply.EMPTY_ARRAY);
                return;
            }
            SetValue s = (SetValue) db.value(slot);
            long count = Math.abs(l);
            if (l < 0 || count == 1) {
                ctx.reply().arrayHeader((int) count);
                for (long i = 0; i < count; i++) {
                    ctx.reply().bulk(s.random(random));
                }
                return;
            }
            byte[][] all = s.toArray();
            int n = (int) Math.min(count, all.length);
            if (n < all.length) {
                for (int i = 0; i < n; i++) {
                    int j = i + random.nextInt(all.length - i);
                    byte[] t = all[i];
                    all[i] = all[j];
                    all[j] = t;
                }
            }
            ctx.reply().arrayHeader(n);
            for (int i = 0; i < n; i++) {
                ctx.reply().bulk(all[i]);
            }
            return;
        }
        int slot = Lookup.read(ctx, db, 1, SetValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        if (slot < 0) {
            ctx.reply().nullBulk();
        } else {
            ctx.reply().bulk(((SetValue) db.value(slot)).random(random));
        }
    }

    static void smove(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int src = db.lookupWrite(a.buf(), a.offset(1), a.length(1));
        Object so = src < 0 ? null : db.value(src);
        int dst = db.lookupWrite(a.buf(), a.offset(2), a.length(2));
        Object dobj = dst < 0 ? null : db.value(dst);
        if (so == null) {
            ctx.reply().raw(RespReply.ZERO);
            return;
        }
        if (!(so instanceof SetValue s) || (dobj != null && !(dobj instanceof SetValue))) {
            ctx.reply().raw(RespReply.ERR_WRONG_TYPE);
            return;
        }
        byte[] m = a.bytes(3);
        if (so == dobj) {
            ctx.reply().raw(s.contains(m) ? RespReply.ONE : RespReply.ZERO);
            return;
        }
        if (!s.remove(m)) {
            ctx.reply().raw(RespReply.ZERO);
            return;
        }
        KeyEvents.event(ctx, KeyspaceNotifier.SET, "srem", 1);
        int s2 = db.lookupNoTouch(s.key());
        Lookup.deleteIfEmpty(ctx, db, s2, s, 1);
        SetValue d;
        if (dobj == null) {
            d = SetValue.create(m, 1, cfg(ctx));
            db.lookupWrite(a.buf(), a.offset(2), a.length(2));
            db.insertAfterMiss(a.buf(), a.offset(2), a.length(2), d);
        } else {
            d = (SetValue) dobj;
        }
        KeyEvents.modified(ctx, 1);
        if (d.add(m, cfg(ctx))) {
            KeyEvents.written(ctx, KeyspaceNotifier.SET, "sadd", 2);
        }
        db.recharge(d);
        ctx.reply().raw(RespReply.ONE);
    }

    /** The sets of arguments [first, first + n): null entries for missing keys; null after WRONGTYPE. */
    private static SetValue[] sets(CommandContext ctx, int first, int n) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        SetValue[] out = new SetValue[n];
        boolean wrong = false;
        for (int i = 0; i < n; i++) {
            int slot = db.lookupRead(a.buf(), a.offset(first + i), a.length(first + i));
            if (slot < 0) {
                continue;
            }
            if (!(db.value(slot) instanceof SetValue s)) {
                wrong = true;
                break;
            }
            out[i] = s;
        }
        if (wrong) {
            ctx.reply().raw(RespReply.ERR_WRONG_TYPE);
            return null;
        }
        return out;
    }

    /** SINTER / SINTERSTORE / SINTERCARD (sinterGenericCommand). {@code dst} is the store key argument or -1. */
    static void sinter(CommandContext ctx, int first, int n, int dst, boolean cardinalityOnly, long limit) {
        SetValue[] sets = sets(ctx, first, n);
        if (sets == null) {
            return;
        }
        boolean empty = false;
        for (SetValue s : sets) {
            empty |= s == null;
        }
        List<byte[]> result = new ArrayList<>();
        if (!empty) {
            SetValue[] sorted = sets.clone();
            Arrays.sort(sorted, (x, y) -> Integer.compare(x.size(), y.size()));
            for (byte[] m : sorted[0].toArray()) {
                boolean all = true;
                for (int i = 1; i < sorted.length && all; i++) {
                    all = sorted[i] == sorted[0] || sorted[i].contains(m);
                }
                if (all) {
                    result.add(m);
                    if (cardinalityOnly && limit > 0 && result.size() >= limit) {
                        break;
                    }
                }
            }
        }
        if (cardinalityOnly) {
            ctx.reply().integer(result.size());
        } else if (dst >= 0) {
            store(ctx, dst, result, "sinterstore");
        } else {
            ctx.reply().setHeader(result.size());
            for (byte[] m : result) {
                ctx.reply().bulk(m);
            }
        }
    }

    static void sintercard(CommandContext ctx) {
        RespRequest a = ctx.args();
        if (!a.parseLong(1, ctx.number) || ctx.number.value < 1) {
            ctx.reply().error("numkeys should be greater than 0");
            return;
        }
        long numkeys = ctx.number.value;
        if (numkeys > a.argc() - 2) {
            ctx.reply().error("Number of keys can't be greater than number of args");
            return;
        }
        long limit = 0;
        for (int i = 2 + (int) numkeys; i < a.argc(); i++) {
            int more = a.argc() - 1 - i;
            if (a.is(i, LIMIT) && more > 0) {
                i++;
                if (!a.parseLong(i, ctx.number) || ctx.number.value < 0) {
                    ctx.reply().error("LIMIT can't be negative");
                    return;
                }
                limit = ctx.number.value;
            } else {
                ctx.reply().raw(RespReply.ERR_SYNTAX);
                return;
            }
        }
        sinter(ctx, 2, (int) numkeys, -1, true, limit);
    }

    /** SUNION / SDIFF and their STORE forms (sunionDiffGenericCommand). */
    static void unionDiff(CommandContext ctx, int first, int dst, int op) {
        int n = ctx.args().argc() - first;
        SetValue[] sets = sets(ctx, first, n);
        if (sets == null) {
            return;
        }
        SetValue result = SetValue.intset();
        DataConfig cfg = cfg(ctx);
        if (op == UNION) {
            for (SetValue s : sets) {
                if (s != null) {
                    s.forEach(m -> result.add(m.clone(), cfg));
                }
            }
        } else if (sets[0] != null) {
            sets[0].forEach(m -> {
                for (int i = 1; i < sets.length; i++) {
                    if (sets[i] != null && (sets[i] == sets[0] || sets[i].contains(m))) {
                        return;
                    }
                }
                result.add(m.clone(), cfg);
            });
        }
        if (dst >= 0) {
            store(ctx, dst, result, op == UNION ? "sunionstore" : "sdiffstore");
        } else {
            ctx.reply().setHeader(result.size());
            result.forEach(ctx.reply()::bulk);
        }
    }

    private static void store(CommandContext ctx, int dst, List<byte[]> members, String event) {
        SetValue s = SetValue.intset();
        for (byte[] m : members) {
            s.add(m.clone(), cfg(ctx));
        }
        store(ctx, dst, s, event);
    }

    /** setKey or delete: the result set replaces the destination (any type, its TTL dropped). */
    private static void store(CommandContext ctx, int dst, SetValue result, String event) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = db.lookupWrite(a.buf(), a.offset(dst), a.length(dst));
        if (result.size() > 0) {
            if (slot >= 0) {
                db.clearExpire(slot);
                db.setValue(slot, result);
            } else {
                db.insertAfterMiss(a.buf(), a.offset(dst), a.length(dst), result);
            }
            ctx.reply().integer(result.size());
            KeyEvents.written(ctx, KeyspaceNotifier.SET, event, dst);
        } else {
            ctx.reply().raw(RespReply.ZERO);
            if (slot >= 0) {
                db.deleteSlot(slot);
                KeyEvents.written(ctx, KeyspaceNotifier.GENERIC, "del", dst);
            }
        }
    }

    static void sscan(CommandContext ctx) {
        long[] cursor = new long[1];
        if (!Lookup.scanCursor(ctx, 2, cursor)) {
            return;
        }
        Lookup.ScanOptions o = Lookup.scanOptions(ctx, 3, false);
        if (o == null) {
            return;
        }
        Database db = ctx.db();
        int slot = Lookup.read(ctx, db, 1, SetValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        if (slot < 0) {
            Lookup.scanReplyHeader(ctx, 0, 0);
            return;
        }
        SetValue s = (SetValue) db.value(slot);
        List<byte[]> out = new ArrayList<>();
        IntList slots = new IntList();
        long c = cursor[0];
        long max = o.count * 10;
        do {
            c = s.scan(c, slots, m -> {
                if (o.matches(m)) {
                    out.add(m);
                }
            });
        } while (c != 0 && max-- > 0 && out.size() < o.count);
        Lookup.scanReplyHeader(ctx, c, out.size());
        for (byte[] m : out) {
            ctx.reply().bulk(m);
        }
    }
}
