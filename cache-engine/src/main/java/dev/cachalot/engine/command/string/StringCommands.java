package dev.cachalot.engine.command.string;

import dev.cachalot.engine.command.CommandContext;
import dev.cachalot.engine.command.CommandSpec;
import dev.cachalot.engine.command.KeyEvents;
import dev.cachalot.engine.notify.KeyspaceNotifier;
import dev.cachalot.engine.store.StringEntry;
import dev.cachalot.engine.util.LongDouble;
import dev.cachalot.engine.protocol.resp.MutableLong;
import dev.cachalot.engine.protocol.resp.RespReply;
import dev.cachalot.engine.protocol.resp.RespRequest;
import dev.cachalot.engine.store.Database;
import dev.cachalot.engine.store.StoreStatus;
import dev.cachalot.engine.store.Strings;
import io.netty.buffer.ByteBuf;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static dev.cachalot.engine.command.AclCategory.STRING;
import static dev.cachalot.engine.command.CommandFlag.DENYOOM;
import static dev.cachalot.engine.command.CommandFlag.FAST;
import static dev.cachalot.engine.command.CommandFlag.READONLY;
import static dev.cachalot.engine.command.CommandFlag.WRITE;
import static dev.cachalot.engine.command.CommandSpec.command;

/** String commands (Redis t_string.c semantics and error texts). */
public final class StringCommands {

    private static final String GROUP = "string";
    private static final byte[] NX = RespReply.ascii("NX");
    private static final byte[] XX = RespReply.ascii("XX");
    private static final byte[] GET = RespReply.ascii("GET");
    private static final byte[] EX = RespReply.ascii("EX");
    private static final byte[] PX = RespReply.ascii("PX");
    private static final byte[] EXAT = RespReply.ascii("EXAT");
    private static final byte[] PXAT = RespReply.ascii("PXAT");
    private static final byte[] KEEPTTL = RespReply.ascii("KEEPTTL");

    private static final int UNIT_SECONDS = 0;
    private static final int UNIT_MS = 1;

    private StringCommands() {
    }

    public static List<CommandSpec> specs() {
        return List.of(
                command("get", 2, StringCommands::get).flags(READONLY, FAST).keys(1, 1, 1).acl(STRING).group(GROUP)
                        .doc("1.0.0", "Returns the string value of a key.", "O(1)").build(),
                command("set", -3, StringCommands::set).flags(WRITE, DENYOOM).keys(1, 1, 1).acl(STRING).group(GROUP)
                        .doc("1.0.0", "Sets the string value of a key, ignoring its type. The key is created if it doesn't exist.", "O(1)").build(),
                command("setnx", 3, StringCommands::setnx).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl(STRING).group(GROUP)
                        .doc("1.0.0", "Set the string value of a key only when the key doesn't exist.", "O(1)").build(),
                command("setex", 4, ctx -> setWithTtl(ctx, UNIT_SECONDS)).flags(WRITE, DENYOOM).keys(1, 1, 1).acl(STRING).group(GROUP)
                        .doc("2.0.0", "Sets the string value and expiration time of a key. Creates the key if it doesn't exist.", "O(1)").build(),
                command("psetex", 4, ctx -> setWithTtl(ctx, UNIT_MS)).flags(WRITE, DENYOOM).keys(1, 1, 1).acl(STRING).group(GROUP)
                        .doc("2.6.0", "Sets both string value and expiration time in milliseconds of a key. The key is created if it doesn't exist.", "O(1)").build(),
                command("getset", 3, StringCommands::getset).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl(STRING).group(GROUP)
                        .doc("1.0.0", "Returns the previous string value of a key after setting it to a new value.", "O(1)").build(),
                command("getdel", 2, StringCommands::getdel).flags(WRITE, FAST).keys(1, 1, 1).acl(STRING).group(GROUP)
                        .doc("6.2.0", "Returns the string value of a key after deleting the key.", "O(1)").build(),
                command("mget", -2, StringCommands::mget).flags(READONLY, FAST).keys(1, -1, 1).acl(STRING).group(GROUP)
                        .doc("1.0.0", "Atomically returns the string values of one or more keys.", "O(N) where N is the number of keys to retrieve.").build(),
                command("mset", -3, StringCommands::mset).flags(WRITE, DENYOOM).keys(1, -1, 2).acl(STRING).group(GROUP)
                        .doc("1.0.1", "Atomically creates or modifies the string values of one or more keys.", "O(N) where N is the number of keys to set.").build(),
                command("strlen", 2, StringCommands::strlen).flags(READONLY, FAST).keys(1, 1, 1).acl(STRING).group(GROUP)
                        .doc("2.2.0", "Returns the length of a string value.", "O(1)").build(),
                command("append", 3, StringCommands::append).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl(STRING).group(GROUP)
                        .doc("2.0.0", "Appends a string to the value of a key. Creates the key if it doesn't exist.", "O(1)").build(),
                command("incr", 2, ctx -> incrDecr(ctx, 1)).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl(STRING).group(GROUP)
                        .doc("1.0.0", "Increments the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.", "O(1)").build(),
                command("decr", 2, ctx -> incrDecr(ctx, -1)).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl(STRING).group(GROUP)
                        .doc("1.0.0", "Decrements the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.", "O(1)").build(),
                command("incrby", 3, StringCommands::incrby).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl(STRING).group(GROUP)
                        .doc("1.0.0", "Increments the integer value of a key by a number. Uses 0 as initial value if the key doesn't exist.", "O(1)").build(),
                command("decrby", 3, StringCommands::decrby).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl(STRING).group(GROUP)
                        .doc("1.0.0", "Decrements a number from the integer value of a key. Uses 0 as initial value if the key doesn't exist.", "O(1)").build(),
                command("incrbyfloat", 3, StringCommands::incrbyfloat).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl(STRING).group(GROUP)
                        .doc("2.6.0", "Increment the floating point value of a key by a number. Uses 0 as initial value if the key doesn't exist.", "O(1)").build(),
                command("getex", -2, StringCommands::getex).flags(WRITE, FAST).keys(1, 1, 1).acl(STRING).group(GROUP)
                        .doc("6.2.0", "Returns the string value of a key after setting its expiration time.", "O(1)").build(),
                command("msetnx", -3, StringCommands::msetnx).flags(WRITE, DENYOOM).keys(1, -1, 2).acl(STRING).group(GROUP)
                        .doc("1.0.1", "Atomically modifies the string values of one or more keys only when all keys don't exist.", "O(N) where N is the number of keys to set.").build(),
                command("getrange", 4, StringCommands::getrange).flags(READONLY).keys(1, 1, 1).acl(STRING).group(GROUP)
                        .doc("2.4.0", "Returns a substring of the string stored at a key.", "O(N) where N is the length of the returned string.").build(),
                command("substr", 4, StringCommands::getrange).flags(READONLY).keys(1, 1, 1).acl(STRING).group(GROUP)
                        .doc("1.0.0", "Returns a substring from a string value.", "O(N) where N is the length of the returned string.").build(),
                command("setrange", 4, StringCommands::setrange).flags(WRITE, DENYOOM).keys(1, 1, 1).acl(STRING).group(GROUP)
                        .doc("2.2.0", "Overwrites a part of a string value with another by an offset. Creates the key if it doesn't exist.", "O(1), not counting the time taken to copy the new string in place.").build(),
                command("lcs", -3, StringCommands::lcs).flags(READONLY).keys(1, 2, 1).acl(STRING).group(GROUP)
                        .doc("7.0.0", "Finds the longest common substring.", "O(N*M) where N and M are the lengths of s1 and s2, respectively").build());
    }

    static void get(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = db.lookupRead(a.buf(), a.offset(1), a.length(1));
        if (slot < 0) {
            ctx.reply().nullBulk();
        } else if (db.value(slot) instanceof byte[] e) {
            int vs = StringEntry.valStart(e);
            ctx.reply().bulk(e, vs, e.length - vs);
        } else {
            ctx.reply().raw(RespReply.ERR_WRONG_TYPE);
        }
    }

    /** SET key value [NX | XX] [GET] [EX s | PX ms | EXAT unix-s | PXAT unix-ms | KEEPTTL]. */
    static void set(CommandContext ctx) {
        RespRequest a = ctx.args();
        int flags = 0;
        boolean get = false;
        int expireArg = -1;
        int unit = UNIT_SECONDS;
        boolean relative = false;
        // parseExtendedStringArgumentsOrReply: repeated options are allowed, conflicting ones are not
        for (int j = 3; j < a.argc(); j++) {
            boolean hasNext = j < a.argc() - 1;
            if (a.is(j, NX) && (flags & Strings.XX) == 0) {
                flags |= Strings.NX;
            } else if (a.is(j, XX) && (flags & Strings.NX) == 0) {
                flags |= Strings.XX;
            } else if (a.is(j, GET)) {
                get = true;
            } else if (a.is(j, KEEPTTL) && expireArg < 0) {
                flags |= Strings.KEEPTTL;
            } else if (a.is(j, EX) && (flags & Strings.KEEPTTL) == 0 && (expireArg < 0 || (relative && unit == UNIT_SECONDS)) && hasNext) {
                unit = UNIT_SECONDS;
                relative = true;
                expireArg = ++j;
            } else if (a.is(j, PX) && (flags & Strings.KEEPTTL) == 0 && (expireArg < 0 || (relative && unit == UNIT_MS)) && hasNext) {
                unit = UNIT_MS;
                relative = true;
                expireArg = ++j;
            } else if (a.is(j, EXAT) && (flags & Strings.KEEPTTL) == 0 && (expireArg < 0 || (!relative && unit == UNIT_SECONDS)) && hasNext) {
                unit = UNIT_SECONDS;
                relative = false;
                expireArg = ++j;
            } else if (a.is(j, PXAT) && (flags & Strings.KEEPTTL) == 0 && (expireArg < 0 || (!relative && unit == UNIT_MS)) && hasNext) {
                unit = UNIT_MS;
                relative = false;
                expireArg = ++j;
            } else {
                ctx.reply().raw(RespReply.ERR_SYNTAX);
                return;
            }
        }
        long when = -1;
        if (expireArg >= 0) {
            when = expireTime(ctx, expireArg, unit, relative);
            if (when == Long.MIN_VALUE) {
                return;
            }
        }
        Database db = ctx.db();
        if (get && !replyOldValue(ctx, db)) {
            return;
        }
        StoreStatus st = Strings.set(db, a.buf(), a.offset(1), a.length(1), a.buf(), a.offset(2), a.length(2), flags, when);
        if (st == StoreStatus.OK) {
            setEvents(ctx, 1, when != -1);
        }
        if (!get) {
            if (st == StoreStatus.OK) {
                ctx.reply().ok();
            } else {
                ctx.reply().nullBulk();
            }
        }
    }

    /**
     * getExpireMillisecondsOrReply: the absolute expiry time in ms, or Long.MIN_VALUE after replying
     * with the error.
     */
    private static long expireTime(CommandContext ctx, int arg, int unit, boolean relative) {
        if (!ctx.longArg(arg)) {
            return Long.MIN_VALUE;
        }
        long ms = ctx.number.value;
        if (ms <= 0 || (unit == UNIT_SECONDS && ms > Long.MAX_VALUE / 1000)) {
            ctx.invalidExpireTime();
            return Long.MIN_VALUE;
        }
        if (unit == UNIT_SECONDS) {
            ms *= 1000;
        }
        if (relative) {
            ms += ctx.server().keyspace().nowMs(); // overflow wraps negative, caught below
        }
        if (ms <= 0) {
            ctx.invalidExpireTime();
            return Long.MIN_VALUE;
        }
        return ms;
    }

    /** The signal and events of a string set at argument {@code arg}: "set", and "expire" with a TTL. */
    private static void setEvents(CommandContext ctx, int arg, boolean expire) {
        KeyEvents.written(ctx, KeyspaceNotifier.STRING, "set", arg);
        if (expire) {
            KeyEvents.event(ctx, KeyspaceNotifier.GENERIC, "expire", arg);
        }
    }

    /** GET part of SET … GET and GETSET: replies the old value; false (after WRONGTYPE) to stop. */
    private static boolean replyOldValue(CommandContext ctx, Database db) {
        RespRequest a = ctx.args();
        int slot = db.lookupRead(a.buf(), a.offset(1), a.length(1));
        if (slot < 0) {
            ctx.reply().nullBulk();
        } else if (db.value(slot) instanceof byte[] e) {
            int vs = StringEntry.valStart(e);
            ctx.reply().bulk(e, vs, e.length - vs);
        } else {
            ctx.reply().raw(RespReply.ERR_WRONG_TYPE);
            return false;
        }
        return true;
    }

    static void setnx(CommandContext ctx) {
        RespRequest a = ctx.args();
        StoreStatus st = Strings.set(ctx.db(), a.buf(), a.offset(1), a.length(1), a.buf(), a.offset(2), a.length(2), Strings.NX, -1);
        if (st == StoreStatus.OK) {
            setEvents(ctx, 1, false);
        }
        ctx.reply().raw(st == StoreStatus.OK ? RespReply.ONE : RespReply.ZERO);
    }

    /** SETEX / PSETEX key seconds|ms value. */
    static void setWithTtl(CommandContext ctx, int unit) {
        long when = expireTime(ctx, 2, unit, true);
        if (when == Long.MIN_VALUE) {
            return;
        }
        RespRequest a = ctx.args();
        Strings.set(ctx.db(), a.buf(), a.offset(1), a.length(1), a.buf(), a.offset(3), a.length(3), 0, when);
        setEvents(ctx, 1, true);
        ctx.reply().ok();
    }

    static void getset(CommandContext ctx) {
        Database db = ctx.db();
        if (!replyOldValue(ctx, db)) {
            return;
        }
        RespRequest a = ctx.args();
        Strings.set(db, a.buf(), a.offset(1), a.length(1), a.buf(), a.offset(2), a.length(2), 0, -1);
        setEvents(ctx, 1, false);
    }

    static void getdel(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = db.lookupRead(a.buf(), a.offset(1), a.length(1));
        if (slot < 0) {
            ctx.reply().nullBulk();
        } else if (db.value(slot) instanceof byte[] e) {
            int vs = StringEntry.valStart(e);
            ctx.reply().bulk(e, vs, e.length - vs);
            db.deleteSlot(slot);
            KeyEvents.written(ctx, KeyspaceNotifier.GENERIC, "del", 1);
        } else {
            ctx.reply().raw(RespReply.ERR_WRONG_TYPE);
        }
    }

    static void mget(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        RespReply r = ctx.reply();
        r.arrayHeader(a.argc() - 1);
        for (int i = 1; i < a.argc(); i++) {
            int slot = db.lookupRead(a.buf(), a.offset(i), a.length(i));
            if (slot >= 0 && db.value(slot) instanceof byte[] e) {
                int vs = StringEntry.valStart(e);
                r.bulk(e, vs, e.length - vs);
            } else {
                r.nullBulk(); // MGET answers nil for keys of other types
            }
        }
    }

    static void mset(CommandContext ctx) {
        RespRequest a = ctx.args();
        if ((a.argc() & 1) == 0) {
            ctx.wrongArity();
            return;
        }
        Database db = ctx.db();
        ByteBuf b = a.buf();
        for (int i = 1; i < a.argc(); i += 2) {
            Strings.set(db, b, a.offset(i), a.length(i), b, a.offset(i + 1), a.length(i + 1), 0, -1);
            setEvents(ctx, i, false);
        }
        ctx.reply().ok();
    }

    static void strlen(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = db.lookupRead(a.buf(), a.offset(1), a.length(1));
        if (slot < 0) {
            ctx.reply().raw(RespReply.ZERO);
        } else if (db.value(slot) instanceof byte[] e) {
            ctx.reply().integer(StringEntry.valLen(e));
        } else {
            ctx.reply().raw(RespReply.ERR_WRONG_TYPE);
        }
    }

    static void append(CommandContext ctx) {
        RespRequest a = ctx.args();
        MutableLong n = ctx.number;
        StoreStatus st = Strings.append(ctx.db(), a.buf(), a.offset(1), a.length(1), a.offset(2), a.length(2), n);
        switch (st) {
            case OK -> {
                KeyEvents.written(ctx, KeyspaceNotifier.STRING, "append", 1);
                ctx.reply().integer(n.value);
            }
            case TOO_BIG -> ctx.reply().error(STRING_TOO_BIG);
            default -> ctx.reply().raw(RespReply.ERR_WRONG_TYPE);
        }
    }

    static void incrby(CommandContext ctx) {
        if (ctx.longArg(2)) {
            incrDecr(ctx, ctx.number.value);
        }
    }

    static void decrby(CommandContext ctx) {
        if (!ctx.longArg(2)) {
            return;
        }
        if (ctx.number.value == Long.MIN_VALUE) {
            ctx.reply().error("decrement would overflow");
            return;
        }
        incrDecr(ctx, -ctx.number.value);
    }

    private static void incrDecr(CommandContext ctx, long delta) {
        RespRequest a = ctx.args();
        StoreStatus st = Strings.incrBy(ctx.db(), a.buf(), a.offset(1), a.length(1), delta, ctx.number);
        switch (st) {
            case OK -> {
                KeyEvents.written(ctx, KeyspaceNotifier.STRING, "incrby", 1);
                ctx.reply().integer(ctx.number.value);
            }
            case WRONG_TYPE -> ctx.reply().raw(RespReply.ERR_WRONG_TYPE);
            case NOT_INTEGER -> ctx.reply().raw(RespReply.ERR_NOT_INTEGER);
            case OVERFLOW -> ctx.reply().raw(RespReply.ERR_OVERFLOW);
            default -> throw new IllegalStateException(st.name());
        }
    }

    static final String STRING_TOO_BIG = "string exceeds maximum allowed size (proto-max-bulk-len)";
    private static final byte[] PERSIST = RespReply.ascii("PERSIST");
    private static final byte[] LEN = RespReply.ascii("LEN");
    private static final byte[] IDX = RespReply.ascii("IDX");
    private static final byte[] MINMATCHLEN = RespReply.ascii("MINMATCHLEN");
    private static final byte[] WITHMATCHLEN = RespReply.ascii("WITHMATCHLEN");

    /** INCRBYFLOAT key increment: long double arithmetic and %.17Lf output, as Redis. */
    static void incrbyfloat(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = db.lookupWrite(a.buf(), a.offset(1), a.length(1));
        BigDecimal value = BigDecimal.ZERO;
        if (slot >= 0) {
            if (!(db.value(slot) instanceof byte[] e)) {
                ctx.reply().raw(RespReply.ERR_WRONG_TYPE);
                return;
            }
            String text = new String(StringEntry.value(e), java.nio.charset.StandardCharsets.ISO_8859_1);
            value = LongDouble.parse(text);
            if (value == null && LongDouble.isInfinity(text)) {
                ctx.reply().error("increment would produce NaN or Infinity");
                return;
            }
            if (value == null) {
                ctx.reply().raw(ERR_NOT_FLOAT);
                return;
            }
        }
        BigDecimal incr = LongDouble.parse(a.string(2));
        if (incr == null && LongDouble.isInfinity(a.string(2))) {
            ctx.reply().error("increment would produce NaN or Infinity");
            return;
        }
        if (incr == null) {
            ctx.reply().raw(ERR_NOT_FLOAT);
            return;
        }
        BigDecimal sum = LongDouble.add(value, incr);
        if (LongDouble.overflows(sum)) {
            ctx.reply().error("increment would produce NaN or Infinity");
            return;
        }
        byte[] out = LongDouble.format(sum).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        if (slot >= 0) {
            db.setString(slot, out);
        } else {
            db.insertEntryAfterMiss(StringEntry.of(a.bytes(1), out));
        }
        KeyEvents.written(ctx, KeyspaceNotifier.STRING, "incrbyfloat", 1);
        ctx.reply().bulk(out);
    }

    public static final byte[] ERR_NOT_FLOAT = RespReply.ascii("-ERR value is not a valid float\r\n");

    /** GETEX key [EX s | PX ms | EXAT unix-s | PXAT unix-ms | PERSIST]. */
    static void getex(CommandContext ctx) {
        RespRequest a = ctx.args();
        int expireArg = -1;
        int unit = UNIT_SECONDS;
        boolean relative = false;
        boolean persist = false;
        for (int j = 2; j < a.argc(); j++) {
            boolean hasNext = j < a.argc() - 1;
            boolean noOther = expireArg < 0 && !persist;
            if (a.is(j, PERSIST) && noOther) {
                persist = true;
            } else if (a.is(j, EX) && (noOther || (expireArg >= 0 && relative && unit == UNIT_SECONDS)) && hasNext) {
                unit = UNIT_SECONDS;
                relative = true;
                expireArg = ++j;
            } else if (a.is(j, PX) && (noOther || (expireArg >= 0 && relative && unit == UNIT_MS)) && hasNext) {
                unit = UNIT_MS;
                relative = true;
                expireArg = ++j;
            } else if (a.is(j, EXAT) && (noOther || (expireArg >= 0 && !relative && unit == UNIT_SECONDS)) && hasNext) {
                unit = UNIT_SECONDS;
                relative = false;
                expireArg = ++j;
            } else if (a.is(j, PXAT) && (noOther || (expireArg >= 0 && !relative && unit == UNIT_MS)) && hasNext) {
                unit = UNIT_MS;
                relative = false;
                expireArg = ++j;
            } else {
                ctx.reply().raw(RespReply.ERR_SYNTAX);
                return;
            }
        }
        long when = -1;
        if (expireArg >= 0) {
            when = expireTime(ctx, expireArg, unit, relative);
            if (when == Long.MIN_VALUE) {
                return;
            }
        }
        Database db = ctx.db();
        int slot = db.lookupRead(a.buf(), a.offset(1), a.length(1));
        if (slot < 0) {
            ctx.reply().nullBulk();
            return;
        }
        if (!(db.value(slot) instanceof byte[] e)) {
            ctx.reply().raw(RespReply.ERR_WRONG_TYPE);
            return;
        }
        int vs = StringEntry.valStart(e);
        ctx.reply().bulk(e, vs, e.length - vs);
        if (when != -1) {
            if (when <= ctx.server().keyspace().nowMs()) {
                db.deleteSlot(slot);
                KeyEvents.written(ctx, KeyspaceNotifier.GENERIC, "del", 1);
            } else {
                db.setExpire(slot, when);
                KeyEvents.written(ctx, KeyspaceNotifier.GENERIC, "expire", 1);
            }
        } else if (persist && db.clearExpire(slot)) {
            KeyEvents.written(ctx, KeyspaceNotifier.GENERIC, "persist", 1);
        }
    }

    static void msetnx(CommandContext ctx) {
        RespRequest a = ctx.args();
        if ((a.argc() & 1) == 0) {
            ctx.wrongArity();
            return;
        }
        Database db = ctx.db();
        for (int i = 1; i < a.argc(); i += 2) {
            if (db.lookupWrite(a.buf(), a.offset(i), a.length(i)) >= 0) {
                ctx.reply().raw(RespReply.ZERO);
                return;
            }
        }
        ByteBuf b = a.buf();
        for (int i = 1; i < a.argc(); i += 2) {
            Strings.set(db, b, a.offset(i), a.length(i), b, a.offset(i + 1), a.length(i + 1), 0, -1);
            setEvents(ctx, i, false);
        }
        ctx.reply().raw(RespReply.ONE);
    }

    /** GETRANGE / SUBSTR key start end, with Redis's index clamping. */
    static void getrange(CommandContext ctx) {
        if (!ctx.longArg(2)) {
            return;
        }
        long start = ctx.number.value;
        if (!ctx.longArg(3)) {
            return;
        }
        long end = ctx.number.value;
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = db.lookupRead(a.buf(), a.offset(1), a.length(1));
        if (slot < 0) {
            ctx.reply().raw(RespReply.EMPTY_BULK);
            return;
        }
        if (!(db.value(slot) instanceof byte[] e)) {
            ctx.reply().raw(RespReply.ERR_WRONG_TYPE);
            return;
        }
        int vs = StringEntry.valStart(e);
        long len = e.length - vs;
        if (start < 0 && end < 0 && start > end) {
            ctx.reply().raw(RespReply.EMPTY_BULK);
            return;
        }
        if (start < 0) {
            start = len + start;
        }
        if (end < 0) {
            end = len + end;
        }
        if (start < 0) {
            start = 0;
        }
        if (end < 0) {
            end = 0;
        }
        if (end >= len) {
            end = len - 1;
        }
        if (start > end || len == 0) {
            ctx.reply().raw(RespReply.EMPTY_BULK);
        } else {
            ctx.reply().bulk(e, vs + (int) start, (int) (end - start + 1));
        }
    }

    static void setrange(CommandContext ctx) {
        if (!ctx.longArg(2)) {
            return;
        }
        long offset = ctx.number.value;
        if (offset < 0) {
            ctx.reply().error("offset is out of range");
            return;
        }
        RespRequest a = ctx.args();
        StoreStatus st = Strings.setRange(ctx.db(), a.buf(), a.offset(1), a.length(1), offset, a.offset(3), a.length(3), ctx.number);
        switch (st) {
            case OK -> {
                if (a.length(3) > 0) {
                    KeyEvents.written(ctx, KeyspaceNotifier.STRING, "setrange", 1);
                }
                ctx.reply().integer(ctx.number.value);
            }
            case NOT_FOUND -> ctx.reply().raw(RespReply.ZERO);
            case TOO_BIG -> ctx.reply().error(STRING_TOO_BIG);
            default -> ctx.reply().raw(RespReply.ERR_WRONG_TYPE);
        }
    }

    /** LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN] (Redis 7's lcsCommand). */
    static void lcs(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int sa = db.lookupRead(a.buf(), a.offset(1), a.length(1));
        Object oa = sa < 0 ? null : db.value(sa);
        int sb = db.lookupRead(a.buf(), a.offset(2), a.length(2));
        Object ob = sb < 0 ? null : db.value(sb);
        if ((oa != null && !(oa instanceof byte[])) || (ob != null && !(ob instanceof byte[]))) {
            ctx.reply().error("The specified keys must contain string values");
            return;
        }
        byte[] x = oa == null ? new byte[0] : StringEntry.value((byte[]) oa);
        byte[] y = ob == null ? new byte[0] : StringEntry.value((byte[]) ob);
        boolean getLen = false;
        boolean getIdx = false;
        boolean withMatchLen = false;
        long minMatchLen = 0;
        for (int j = 3; j < a.argc(); j++) {
            int more = a.argc() - 1 - j;
            if (a.is(j, IDX)) {
                getIdx = true;
            } else if (a.is(j, LEN)) {
                getLen = true;
            } else if (a.is(j, WITHMATCHLEN)) {
                withMatchLen = true;
            } else if (a.is(j, MINMATCHLEN) && more > 0) {
                if (!ctx.longArg(j + 1)) {
                    return;
                }
                minMatchLen = Math.max(0, ctx.number.value);
                j++;
            } else {
                ctx.reply().raw(RespReply.ERR_SYNTAX);
                return;
            }
        }
        if (getIdx && getLen) {
            ctx.reply().error("If you want both the length and indexes, please just use IDX.");
            return;
        }
        int alen = x.length;
        int blen = y.length;
        long cells = (long) (alen + 1) * (blen + 1);
        if (cells * 4 > Strings.MAX_STRING) {
            ctx.reply().error("Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
            return;
        }
        int w = blen + 1;
        int[] t = new int[(int) cells];
        for (int i = 1; i <= alen; i++) {
            for (int j = 1; j <= blen; j++) {
                t[i * w + j] = x[i - 1] == y[j - 1] ? t[(i - 1) * w + j - 1] + 1 : Math.max(t[(i - 1) * w + j], t[i * w + j - 1]);
            }
        }
        int idx = t[alen * w + blen];
        boolean compute = getIdx || !getLen;
        byte[] result = new byte[idx];
        List<long[]> ranges = new ArrayList<>();
        int aStart = alen;
        int aEnd = 0;
        int bStart = 0;
        int bEnd = 0;
        int i = alen;
        int j = blen;
        while (compute && i > 0 && j > 0) {
            boolean emit = false;
            if (x[i - 1] == y[j - 1]) {
                result[idx - 1] = x[i - 1];
                if (aStart == alen) {
                    aStart = i - 1;
                    aEnd = i - 1;
                    bStart = j - 1;
                    bEnd = j - 1;
                } else if (aStart == i && bStart == j) {
                    aStart--;
                    bStart--;
                } else {
                    emit = true;
                }
                if (aStart == 0 || bStart == 0) {
                    emit = true;
                }
                idx--;
                i--;
                j--;
            } else {
                if (t[(i - 1) * w + j] > t[i * w + j - 1]) {
                    i--;
                } else {
                    j--;
                }
                if (aStart != alen) {
                    emit = true;
                }
            }
            long matchLen = aEnd - aStart + 1;
            if (emit) {
                if (minMatchLen == 0 || matchLen >= minMatchLen) {
                    ranges.add(new long[] {aStart, aEnd, bStart, bEnd, matchLen});
                }
                aStart = alen;
            }
        }
        RespReply r = ctx.reply();
        if (getIdx) {
            r.mapHeader(2);
            r.bulk("matches");
            r.arrayHeader(ranges.size());
            for (long[] m : ranges) {
                r.arrayHeader(withMatchLen ? 3 : 2);
                r.arrayHeader(2);
                r.integer(m[0]);
                r.integer(m[1]);
                r.arrayHeader(2);
                r.integer(m[2]);
                r.integer(m[3]);
                if (withMatchLen) {
                    r.integer(m[4]);
                }
            }
            r.bulk("len");
            r.integer(t[alen * w + blen]);
        } else if (getLen) {
            r.integer(t[alen * w + blen]);
        } else {
            r.bulk(result);
        }
    }
}
