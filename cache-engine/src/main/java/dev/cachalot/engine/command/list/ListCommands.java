package dev.cachalot.engine.command.list;

import dev.cachalot.engine.command.Blocking;
import dev.cachalot.engine.command.CommandContext;
import dev.cachalot.engine.command.CommandSpec;
import dev.cachalot.engine.command.KeyEvents;
import dev.cachalot.engine.command.Lookup;
import dev.cachalot.engine.notify.KeyspaceNotifier;
import dev.cachalot.engine.protocol.resp.RespReply;
import dev.cachalot.engine.protocol.resp.RespRequest;
import dev.cachalot.engine.store.DataConfig;
import dev.cachalot.engine.store.Database;
import dev.cachalot.engine.store.type.ListValue;

import java.util.Arrays;
import java.util.List;

import static dev.cachalot.engine.command.AclCategory.LIST;
import static dev.cachalot.engine.command.CommandFlag.BLOCKING;
import static dev.cachalot.engine.command.CommandFlag.DENYOOM;
import static dev.cachalot.engine.command.CommandFlag.FAST;
import static dev.cachalot.engine.command.CommandFlag.MOVABLEKEYS;
import static dev.cachalot.engine.command.CommandFlag.NOSCRIPT;
import static dev.cachalot.engine.command.CommandFlag.READONLY;
import static dev.cachalot.engine.command.CommandFlag.WRITE;
import static dev.cachalot.engine.command.CommandSpec.command;

/** List commands, blocking ones included (Redis t_list.c semantics, replies and error texts). */
public final class ListCommands {

    private static final String GROUP = "list";
    static final boolean HEAD = true;
    static final boolean TAIL = false;
    private static final byte[] BEFORE = RespReply.ascii("BEFORE");
    private static final byte[] AFTER = RespReply.ascii("AFTER");
    private static final byte[] LEFT = RespReply.ascii("LEFT");
    private static final byte[] RIGHT = RespReply.ascii("RIGHT");
    private static final byte[] COUNT = RespReply.ascii("COUNT");
    private static final byte[] RANK = RespReply.ascii("RANK");
    private static final byte[] MAXLEN = RespReply.ascii("MAXLEN");

    private ListCommands() {
    }

    public static List<CommandSpec> specs() {
        return List.of(
                command("lpush", -3, ctx -> push(ctx, HEAD, false)).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl(LIST).group(GROUP)
                        .doc("1.0.0", "Prepends one or more elements to a list. Creates the key if it doesn't exist.", "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.").build(),
                command("rpush", -3, ctx -> push(ctx, TAIL, false)).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl(LIST).group(GROUP)
                        .doc("1.0.0", "Appends one or more elements to a list. Creates the key if it doesn't exist.", "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.").build(),
                command("lpushx", -3, ctx -> push(ctx, HEAD, true)).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl(LIST).group(GROUP)
                        .doc("2.2.0", "Prepends one or more elements to a list only when the list exists.", "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.").build(),
                command("rpushx", -3, ctx -> push(ctx, TAIL, true)).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl(LIST).group(GROUP)
                        .doc("2.2.0", "Appends an element to a list only when the list exists.", "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.").build(),
                command("linsert", 5, ListCommands::linsert).flags(WRITE, DENYOOM).keys(1, 1, 1).acl(LIST).group(GROUP)
                        .doc("2.2.0", "Inserts an element before or after another element in a list.", "O(N) where N is the number of elements to traverse before seeing the value pivot.").build(),
                command("llen", 2, ListCommands::llen).flags(READONLY, FAST).keys(1, 1, 1).acl(LIST).group(GROUP)
                        .doc("1.0.0", "Returns the length of a list.", "O(1)").build(),
                command("lindex", 3, ListCommands::lindex).flags(READONLY).keys(1, 1, 1).acl(LIST).group(GROUP)
                        .doc("1.0.0", "Returns an element from a list by its index.", "O(N) where N is the number of elements to traverse to get to the element at index.").build(),
                command("lset", 4, ListCommands::lset).flags(WRITE, DENYOOM).keys(1, 1, 1).acl(LIST).group(GROUP)
                        .doc("1.0.0", "Sets the value of an element in a list by its index.", "O(N) where N is the length of the list.").build(),
                command("lrange", 4, ListCommands::lrange).flags(READONLY).keys(1, 1, 1).acl(LIST).group(GROUP)
                        .doc("1.0.0", "Returns a range of elements from a list.", "O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD or TAIL) for large lists; and N is the number of elements in the specified range.").build(),
                command("ltrim", 4, ListCommands::ltrim).flags(WRITE).keys(1, 1, 1).acl(LIST).group(GROUP)
                        .doc("1.0.0", "Removes elements from both ends a list. Deletes the list if all elements were trimmed.", "O(N) where N is the number of elements to be removed by the operation.").build(),
                command("lrem", 4, ListCommands::lrem).flags(WRITE).keys(1, 1, 1).acl(LIST).group(GROUP)
                        .doc("1.0.0", "Removes elements from a list. Deletes the list if the last element was removed.", "O(N+M) where N is the length of the list and M is the number of elements removed.").build(),
                command("lpop", -2, ctx -> pop(ctx, HEAD)).flags(WRITE, FAST).keys(1, 1, 1).acl(LIST).group(GROUP)
                        .doc("1.0.0", "Returns the first elements in a list after removing it. Deletes the list if the last element was popped.", "O(N) where N is the number of elements returned").build(),
                command("rpop", -2, ctx -> pop(ctx, TAIL)).flags(WRITE, FAST).keys(1, 1, 1).acl(LIST).group(GROUP)
                        .doc("1.0.0", "Returns and removes the last elements of a list. Deletes the list if the last element was popped.", "O(N) where N is the number of elements returned").build(),
                command("rpoplpush", 3, ctx -> lmove(ctx, TAIL, HEAD)).flags(WRITE, DENYOOM).keys(1, 2, 1).acl(LIST).group(GROUP)
                        .doc("1.2.0", "Returns the last element of a list after removing and pushing it to another list. Deletes the list if the last element was popped.", "O(1)").build(),
                command("lmove", 5, ListCommands::lmove).flags(WRITE, DENYOOM).keys(1, 2, 1).acl(LIST).group(GROUP)
                        .doc("6.2.0", "Returns an element after popping it from one list and pushing it to another. Deletes the list if the last element was moved.", "O(1)").build(),
                command("lmpop", -4, ctx -> lmpop(ctx, 1, false)).flags(WRITE, MOVABLEKEYS).keys(0, 0, 0).acl(LIST).group(GROUP)
                        .doc("7.0.0", "Returns multiple elements from a list after removing them. Deletes the list if the last element was popped.", "O(N+M) where N is the number of provided keys and M is the number of elements returned.").build(),
                command("lpos", -3, ListCommands::lpos).flags(READONLY).keys(1, 1, 1).acl(LIST).group(GROUP)
                        .doc("6.0.6", "Returns the index of matching elements in a list.", "O(N) where N is the number of elements in the list, for the average case. When searching for elements near the head or the tail of the list, or when the MAXLEN option is provided, the command may run in constant time.").build(),
                command("blpop", -3, ctx -> bpop(ctx, HEAD)).flags(WRITE, NOSCRIPT, BLOCKING).keys(1, -2, 1).acl(LIST).group(GROUP)
                        .doc("2.0.0", "Removes and returns the first element in a list. Blocks until an element is available otherwise. Deletes the list if the last element was popped.", "O(N) where N is the number of provided keys.").build(),
                command("brpop", -3, ctx -> bpop(ctx, TAIL)).flags(WRITE, NOSCRIPT, BLOCKING).keys(1, -2, 1).acl(LIST).group(GROUP)
                        .doc("2.0.0", "Removes and returns the last element in a list. Blocks until an element is available otherwise. Deletes the list if the last element was popped.", "O(N) where N is the number of provided keys.").build(),
                command("brpoplpush", 4, ListCommands::brpoplpush).flags(WRITE, DENYOOM, NOSCRIPT, BLOCKING).keys(1, 2, 1).acl(LIST).group(GROUP)
                        .doc("2.2.0", "Pops an element from a list, pushes it to another list and returns it. Block until an element is available otherwise. Deletes the list if the last element was popped.", "O(1)").build(),
                command("blmove", 6, ListCommands::blmove).flags(WRITE, DENYOOM, NOSCRIPT, BLOCKING).keys(1, 2, 1).acl(LIST).group(GROUP)
                        .doc("6.2.0", "Pops an element from a list, pushes it to another list and returns it. Blocks until an element is available otherwise. Deletes the list if the last element was moved.", "O(1)").build(),
                command("blmpop", -5, ctx -> lmpop(ctx, 2, true)).flags(WRITE, BLOCKING, MOVABLEKEYS).keys(0, 0, 0).acl(LIST).group(GROUP)
                        .doc("7.0.0", "Pops the first element from one of multiple lists. Blocks until an element is available otherwise. Deletes the list if the last element was popped.", "O(N+M) where N is the number of provided keys and M is the number of elements returned.").build());
    }

    private static DataConfig cfg(CommandContext ctx) {
        return ctx.server().keyspace().config();
    }

    static void push(CommandContext ctx, boolean head, boolean onlyExisting) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = Lookup.write(ctx, db, 1, ListValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        ListValue l;
        if (slot < 0) {
            if (onlyExisting) {
                ctx.reply().raw(RespReply.ZERO);
                return;
            }
            l = new ListValue();
        } else {
            l = (ListValue) db.value(slot);
        }
        long add = 0;
        for (int i = 2; i < a.argc(); i++) {
            add += a.length(i);
        }
        l.beforeAdd(add, a.argc() - 2, cfg(ctx));
        for (int i = 2; i < a.argc(); i++) {
            if (head) {
                l.pushHead(a.bytes(i));
            } else {
                l.pushTail(a.bytes(i));
            }
        }
        if (slot < 0) {
            db.insertAfterMiss(a.buf(), a.offset(1), a.length(1), l);
        } else {
            db.recharge(l);
        }
        KeyEvents.written(ctx, KeyspaceNotifier.LIST, head ? "lpush" : "rpush", 1);
        ctx.reply().integer(l.size());
    }

    static void linsert(CommandContext ctx) {
        RespRequest a = ctx.args();
        boolean after;
        if (a.is(2, AFTER)) {
            after = true;
        } else if (a.is(2, BEFORE)) {
            after = false;
        } else {
            ctx.reply().raw(RespReply.ERR_SYNTAX);
            return;
        }
        Database db = ctx.db();
        int slot = Lookup.write(ctx, db, 1, ListValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        if (slot < 0) {
            ctx.reply().raw(RespReply.ZERO);
            return;
        }
        ListValue l = (ListValue) db.value(slot);
        byte[] pivot = a.bytes(3);
        for (int i = 0; i < l.size(); i++) {
            if (Arrays.equals(l.get(i), pivot)) {
                l.beforeAdd(a.length(4), 1, cfg(ctx));
                l.insert(after ? i + 1 : i, a.bytes(4));
                db.recharge(l);
                KeyEvents.written(ctx, KeyspaceNotifier.LIST, "linsert", 1);
                ctx.reply().integer(l.size());
                return;
            }
        }
        ctx.reply().raw(RespReply.MINUS_ONE);
    }

    static void llen(CommandContext ctx) {
        Database db = ctx.db();
        int slot = Lookup.read(ctx, db, 1, ListValue.class);
        if (slot != Lookup.WRONG) {
            ctx.reply().integer(slot < 0 ? 0 : ((ListValue) db.value(slot)).size());
        }
    }

    static void lindex(CommandContext ctx) {
        Database db = ctx.db();
        int slot = Lookup.read(ctx, db, 1, ListValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        if (slot < 0) {
            ctx.reply().nullBulk();
            return;
        }
        if (!ctx.longArg(2)) {
            return;
        }
        ListValue l = (ListValue) db.value(slot);
        long i = ctx.number.value;
        if (i < 0) {
            i += l.size();
        }
        if (i < 0 || i >= l.size()) {
            ctx.reply().nullBulk();
        } else {
            ctx.reply().bulk(l.get((int) i));
        }
    }

    static void lset(CommandContext ctx) {
        Database db = ctx.db();
        int slot = Lookup.write(ctx, db, 1, ListValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        if (slot < 0) {
            ctx.reply().error("no such key");
            return;
        }
        if (!ctx.longArg(2)) {
            return;
        }
        ListValue l = (ListValue) db.value(slot);
        long i = ctx.number.value;
        if (i < 0) {
            i += l.size();
        }
        if (i < 0 || i >= l.size()) {
            ctx.reply().error("index out of range");
            return;
        }
        RespRequest a = ctx.args();
        l.beforeAdd(a.length(3), 0, cfg(ctx));
        l.set((int) i, a.bytes(3));
        l.afterRemove(cfg(ctx));
        db.recharge(l);
        KeyEvents.written(ctx, KeyspaceNotifier.LIST, "lset", 1);
        ctx.reply().ok();
    }

    static void lrange(CommandContext ctx) {
        if (!ctx.longArg(2)) {
            return;
        }
        long start = ctx.number.value;
        if (!ctx.longArg(3)) {
            return;
        }
        long end = ctx.number.value;
        Database db = ctx.db();
        int slot = Lookup.read(ctx, db, 1, ListValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        if (slot < 0) {
            ctx.reply().raw(RespReply.EMPTY_ARRAY);
            return;
        }
        ListValue l = (ListValue) db.value(slot);
        long len = l.size();
        if (start < 0) {
            start += len;
        }
        if (end < 0) {
            end += len;
        }
        if (start < 0) {
            start = 0;
        }
        if (start > end || start >= len) {
            ctx.reply().raw(RespReply.EMPTY_ARRAY);
            return;
        }
        if (end >= len) {
            end = len - 1;
        }
        RespReply r = ctx.reply();
        r.arrayHeader((int) (end - start + 1));
        for (long i = start; i <= end; i++) {
            r.bulk(l.get((int) i));
        }
    }

    static void ltrim(CommandContext ctx) {
        if (!ctx.longArg(2)) {
            return;
        }
        long start = ctx.number.value;
        if (!ctx.longArg(3)) {
            return;
        }
        long end = ctx.number.value;
        Database db = ctx.db();
        int slot = Lookup.write(ctx, db, 1, ListValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        if (slot < 0) {
            ctx.reply().ok();
            return;
        }
        ListValue l = (ListValue) db.value(slot);
        long len = l.size();
        if (start < 0) {
            start += len;
        }
        if (end < 0) {
            end += len;
        }
        if (start < 0) {
            start = 0;
        }
        if (start > end || start >= len) {
            l.trim(1, 0);
        } else {
            l.trim((int) start, (int) Math.min(end, len - 1));
        }
        l.afterRemove(cfg(ctx));
        KeyEvents.written(ctx, KeyspaceNotifier.LIST, "ltrim", 1);
        Lookup.deleteIfEmpty(ctx, db, slot, l, 1);
        ctx.reply().ok();
    }

    static void lrem(CommandContext ctx) {
        if (!ctx.longArg(2)) {
            return;
        }
        long toRemove = ctx.number.value;
        Database db = ctx.db();
        int slot = Lookup.write(ctx, db, 1, ListValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        if (slot < 0) {
            ctx.reply().raw(RespReply.ZERO);
            return;
        }
        ListValue l = (ListValue) db.value(slot);
        byte[] v = ctx.args().bytes(3);
        long removed = 0;
        if (toRemove < 0) {
            for (int i = l.size() - 1; i >= 0 && removed < -toRemove; i--) {
                if (Arrays.equals(l.get(i), v)) {
                    l.removeAt(i);
                    removed++;
                }
            }
        } else {
            for (int i = 0; i < l.size() && (toRemove == 0 || removed < toRemove); ) {
                if (Arrays.equals(l.get(i), v)) {
                    l.removeAt(i);
                    removed++;
                } else {
                    i++;
                }
            }
        }
        if (removed > 0) {
            l.afterRemove(cfg(ctx));
            KeyEvents.written(ctx, KeyspaceNotifier.LIST, "lrem", 1);
            Lookup.deleteIfEmpty(ctx, db, slot, l, 1);
        }
        ctx.reply().integer(removed);
    }

    /** Pops {@code count} elements (1 when -1) of the list at {@code slot}; events and key removal as Redis. */
    private static byte[][] popElements(CommandContext ctx, Database db, int slot, ListValue l, boolean head, long count, byte[] key) {
        int n = (int) Math.min(count < 0 ? 1 : count, l.size());
        byte[][] out = new byte[n][];
        for (int i = 0; i < n; i++) {
            out[i] = head ? l.popHead() : l.popTail();
        }
        l.afterRemove(cfg(ctx));
        int dbId = db.id();
        KeyEvents.written(ctx, KeyspaceNotifier.LIST, head ? "lpop" : "rpop", key, dbId);
        if (l.size() == 0) {
            db.deleteSlot(slot);
            KeyEvents.event(ctx, KeyspaceNotifier.GENERIC, "del", key, dbId);
        } else {
            db.recharge(l);
        }
        return out;
    }

    static void pop(CommandContext ctx, boolean head) {
        RespRequest a = ctx.args();
        if (a.argc() > 3) {
            ctx.wrongArity();
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
        int slot = Lookup.write(ctx, db, 1, ListValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        if (slot < 0) {
            if (count >= 0) {
                ctx.reply().nullArray();
            } else {
                ctx.reply().nullBulk();
            }
            return;
        }
        if (count == 0) {
            ctx.reply().raw(RespReply.EMPTY_ARRAY);
            return;
        }
        ListValue l = (ListValue) db.value(slot);
        byte[][] out = popElements(ctx, db, slot, l, head, count, a.bytes(1));
        if (count < 0) {
            ctx.reply().bulk(out[0]);
        } else {
            ctx.reply().arrayHeader(out.length);
            for (byte[] v : out) {
                ctx.reply().bulk(v);
            }
        }
    }

    /** LEFT / RIGHT; null after replying a syntax error. */
    private static Boolean side(CommandContext ctx, int arg) {
        if (ctx.args().is(arg, LEFT)) {
            return HEAD;
        }
        if (ctx.args().is(arg, RIGHT)) {
            return TAIL;
        }
        ctx.reply().raw(RespReply.ERR_SYNTAX);
        return null;
    }

    static void lmove(CommandContext ctx) {
        Boolean from = side(ctx, 3);
        if (from == null) {
            return;
        }
        Boolean to = side(ctx, 4);
        if (to == null) {
            return;
        }
        lmove(ctx, from, to);
    }

    /** lmoveGenericCommand: pops from the list of argument 1 and pushes to the list of argument 2. */
    static void lmove(CommandContext ctx, boolean from, boolean to) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int src = Lookup.write(ctx, db, 1, ListValue.class);
        if (src == Lookup.WRONG) {
            return;
        }
        if (src < 0) {
            ctx.reply().nullBulk();
            return;
        }
        ListValue sl = (ListValue) db.value(src);
        int dst = db.lookupWrite(a.buf(), a.offset(2), a.length(2));
        if (dst >= 0 && !(db.value(dst) instanceof ListValue)) {
            ctx.reply().raw(RespReply.ERR_WRONG_TYPE);
            return;
        }
        byte[] v = from ? sl.popHead() : sl.popTail();
        ListValue dl = dst >= 0 ? (ListValue) db.value(dst) : new ListValue();
        dl.beforeAdd(v.length, 1, cfg(ctx));
        if (to) {
            dl.pushHead(v);
        } else {
            dl.pushTail(v);
        }
        if (dst < 0) {
            db.lookupWrite(a.buf(), a.offset(2), a.length(2)); // the source lookup may have moved slots
            db.insertAfterMiss(a.buf(), a.offset(2), a.length(2), dl);
        } else {
            db.recharge(dl);
        }
        KeyEvents.written(ctx, KeyspaceNotifier.LIST, to ? "lpush" : "rpush", 2);
        ctx.reply().bulk(v);
        KeyEvents.event(ctx, KeyspaceNotifier.LIST, from ? "lpop" : "rpop", 1);
        sl.afterRemove(cfg(ctx));
        int s = db.lookupNoTouch(sl.key());
        if (sl.size() == 0) {
            db.deleteSlot(s);
            KeyEvents.event(ctx, KeyspaceNotifier.GENERIC, "del", 1);
        } else {
            db.recharge(sl);
        }
        KeyEvents.modified(ctx, 1);
    }

    /** LMPOP / BLMPOP: numkeys at {@code numkeysArg}, then keys, LEFT|RIGHT and [COUNT n]. */
    static void lmpop(CommandContext ctx, int numkeysArg, boolean block) {
        RespRequest a = ctx.args();
        if (!a.parseLong(numkeysArg, ctx.number) || ctx.number.value < 1) {
            ctx.reply().error("numkeys should be greater than 0");
            return;
        }
        long numkeys = ctx.number.value;
        long whereIdx = numkeysArg + numkeys + 1;
        if (whereIdx >= a.argc()) {
            ctx.reply().raw(RespReply.ERR_SYNTAX);
            return;
        }
        Boolean where = side(ctx, (int) whereIdx);
        if (where == null) {
            return;
        }
        long count = -1;
        for (int j = (int) whereIdx + 1; j < a.argc(); j++) {
            int more = a.argc() - 1 - j;
            if (count == -1 && a.is(j, COUNT) && more > 0) {
                j++;
                if (!a.parseLong(j, ctx.number) || ctx.number.value < 1) {
                    ctx.reply().error("count should be greater than 0");
                    return;
                }
                count = ctx.number.value;
            } else {
                ctx.reply().raw(RespReply.ERR_SYNTAX);
                return;
            }
        }
        if (count == -1) {
            count = 1;
        }
        int[] keys = new int[(int) numkeys];
        for (int i = 0; i < numkeys; i++) {
            keys[i] = numkeysArg + 1 + i;
        }
        if (block) {
            long deadline = Blocking.deadline(ctx, 1);
            if (deadline < 0) {
                return;
            }
            blockingPop(ctx, keys, where, count, deadline);
            return;
        }
        if (!popFirstNonEmpty(ctx, keys, where, count)) {
            ctx.reply().nullArray();
        }
    }

    /**
     * Pops from the first non-empty list among {@code keys} and replies ([key, value] for the single
     * pop of BLPOP/BRPOP when count is -1, [key, [values…]] otherwise); false when all are empty.
     * A key of another type stops with WRONGTYPE (true).
     */
    private static boolean popFirstNonEmpty(CommandContext ctx, int[] keys, boolean where, long count) {
        Database db = ctx.db();
        RespRequest a = ctx.args();
        for (int k : keys) {
            int slot = Lookup.write(ctx, db, k, ListValue.class);
            if (slot == Lookup.WRONG) {
                return true;
            }
            if (slot < 0) {
                continue;
            }
            ListValue l = (ListValue) db.value(slot);
            byte[] key = a.bytes(k);
            byte[][] out = popElements(ctx, db, slot, l, where, count, key);
            RespReply r = ctx.reply();
            r.arrayHeader(2);
            r.bulk(key);
            if (count < 0) {
                r.bulk(out[0]);
            } else {
                r.arrayHeader(out.length);
                for (byte[] v : out) {
                    r.bulk(v);
                }
            }
            return true;
        }
        return false;
    }

    private static void blockingPop(CommandContext ctx, int[] keys, boolean where, long count, long deadline) {
        if (popFirstNonEmpty(ctx, keys, where, count)) {
            return;
        }
        if (!Blocking.mayBlock(ctx)) {
            ctx.reply().nullArray();
            return;
        }
        ctx.server().blocking().block(ctx, keys, deadline, ListValue.class);
    }

    static void bpop(CommandContext ctx, boolean where) {
        RespRequest a = ctx.args();
        long deadline = Blocking.deadline(ctx, a.argc() - 1);
        if (deadline < 0) {
            return;
        }
        int[] keys = new int[a.argc() - 2];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i + 1;
        }
        blockingPop(ctx, keys, where, -1, deadline);
    }

    static void brpoplpush(CommandContext ctx) {
        long deadline = Blocking.deadline(ctx, 3);
        if (deadline >= 0) {
            blmove(ctx, TAIL, HEAD, deadline);
        }
    }

    static void blmove(CommandContext ctx) {
        Boolean from = side(ctx, 3);
        if (from == null) {
            return;
        }
        Boolean to = side(ctx, 4);
        if (to == null) {
            return;
        }
        long deadline = Blocking.deadline(ctx, 5);
        if (deadline >= 0) {
            blmove(ctx, from, to, deadline);
        }
    }

    private static void blmove(CommandContext ctx, boolean from, boolean to, long deadline) {
        Database db = ctx.db();
        int src = Lookup.write(ctx, db, 1, ListValue.class);
        if (src == Lookup.WRONG) {
            return;
        }
        if (src >= 0) {
            lmove(ctx, from, to);
            return;
        }
        if (!Blocking.mayBlock(ctx)) {
            ctx.reply().nullBulk();
            return;
        }
        ctx.server().blocking().block(ctx, new int[] {1}, deadline, ListValue.class);
    }

    /** LPOS key element [RANK rank] [COUNT num] [MAXLEN len]. */
    static void lpos(CommandContext ctx) {
        RespRequest a = ctx.args();
        long rank = 1;
        long count = -1;
        long maxlen = 0;
        for (int j = 3; j < a.argc(); j++) {
            int more = a.argc() - 1 - j;
            if (a.is(j, RANK) && more > 0) {
                j++;
                if (!ctx.longArg(j)) {
                    return;
                }
                rank = ctx.number.value;
                if (rank == Long.MIN_VALUE) {
                    ctx.reply().error("value is out of range, value must between -9223372036854775807 and 9223372036854775807");
                    return;
                }
                if (rank == 0) {
                    ctx.reply().error("RANK can't be zero: use 1 to start from the first match, 2 from the second ... "
                            + "or use negative to start from the end of the list");
                    return;
                }
            } else if (a.is(j, COUNT) && more > 0) {
                j++;
                if (!a.parseLong(j, ctx.number) || ctx.number.value < 0) {
                    ctx.reply().error("COUNT can't be negative");
                    return;
                }
                count = ctx.number.value;
            } else if (a.is(j, MAXLEN) && more > 0) {
                j++;
                if (!a.parseLong(j, ctx.number) || ctx.number.value < 0) {
                    ctx.reply().error("MAXLEN can't be negative");
                    return;
                }
                maxlen = ctx.number.value;
            } else {
                ctx.reply().raw(RespReply.ERR_SYNTAX);
                return;
            }
        }
        Database db = ctx.db();
        int slot = Lookup.read(ctx, db, 1, ListValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        RespReply r = ctx.reply();
        if (slot < 0) {
            if (count != -1) {
                r.raw(RespReply.EMPTY_ARRAY);
            } else {
                r.nullBulk();
            }
            return;
        }
        ListValue l = (ListValue) db.value(slot);
        byte[] ele = a.bytes(2);
        boolean fromTail = rank < 0;
        long skip = Math.abs(rank);
        int len = l.size();
        long matches = 0;
        List<Long> found = new java.util.ArrayList<>();
        for (int step = 0; step < len && (maxlen == 0 || step < maxlen); step++) {
            int idx = fromTail ? len - 1 - step : step;
            if (Arrays.equals(l.get(idx), ele)) {
                matches++;
                if (matches >= skip) {
                    found.add((long) idx);
                    if (count == -1 || (count != 0 && found.size() >= count)) {
                        break;
                    }
                }
            }
        }
        if (count != -1) {
            r.arrayHeader(found.size());
            for (long i : found) {
                r.integer(i);
            }
        } else if (found.isEmpty()) {
            r.nullBulk();
        } else {
            r.integer(found.get(0));
        }
    }
}
