package dev.cachalot.engine.command.string;

import dev.cachalot.engine.command.CommandContext;
import dev.cachalot.engine.command.CommandSpec;
import dev.cachalot.engine.protocol.resp.MutableLong;
import dev.cachalot.engine.protocol.resp.RespReply;
import dev.cachalot.engine.protocol.resp.RespRequest;
import dev.cachalot.engine.store.Database;
import dev.cachalot.engine.store.StoreStatus;
import dev.cachalot.engine.store.Strings;
import io.netty.buffer.ByteBuf;

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
                        .doc("1.0.0", "Decrements a number from the integer value of a key. Uses 0 as initial value if the key doesn't exist.", "O(1)").build());
    }

    static void get(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = db.lookupRead(a.buf(), a.offset(1), a.length(1));
        if (slot < 0) {
            ctx.reply().nullBulk();
        } else if (db.value(slot) instanceof byte[] v) {
            ctx.reply().bulk(v);
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
        if (st == StoreStatus.OK && ctx.server().notifier().active()) {
            // stand-in for the data layer's per-command reporting (engine-data's KeyEvents replaces it)
            byte[] key = a.bytes(1);
            ctx.server().notifier().signalModifiedKey(ctx, ctx.session().db(), key);
            ctx.server().notifier().notifyKeyspaceEvent(dev.cachalot.engine.notify.KeyspaceNotifier.STRING, "set", key, ctx.session().db());
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

    /** GET part of SET … GET and GETSET: replies the old value; false (after WRONGTYPE) to stop. */
    private static boolean replyOldValue(CommandContext ctx, Database db) {
        RespRequest a = ctx.args();
        int slot = db.lookupRead(a.buf(), a.offset(1), a.length(1));
        if (slot < 0) {
            ctx.reply().nullBulk();
        } else if (db.value(slot) instanceof byte[] v) {
            ctx.reply().bulk(v);
        } else {
            ctx.reply().raw(RespReply.ERR_WRONG_TYPE);
            return false;
        }
        return true;
    }

    static void setnx(CommandContext ctx) {
        RespRequest a = ctx.args();
        StoreStatus st = Strings.set(ctx.db(), a.buf(), a.offset(1), a.length(1), a.buf(), a.offset(2), a.length(2), Strings.NX, -1);
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
        ctx.reply().ok();
    }

    static void getset(CommandContext ctx) {
        Database db = ctx.db();
        if (!replyOldValue(ctx, db)) {
            return;
        }
        RespRequest a = ctx.args();
        Strings.set(db, a.buf(), a.offset(1), a.length(1), a.buf(), a.offset(2), a.length(2), 0, -1);
    }

    static void getdel(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = db.lookupRead(a.buf(), a.offset(1), a.length(1));
        if (slot < 0) {
            ctx.reply().nullBulk();
        } else if (db.value(slot) instanceof byte[] v) {
            ctx.reply().bulk(v);
            db.deleteSlot(slot);
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
            if (slot >= 0 && db.value(slot) instanceof byte[] v) {
                r.bulk(v);
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
        }
        ctx.reply().ok();
    }

    static void strlen(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = db.lookupRead(a.buf(), a.offset(1), a.length(1));
        if (slot < 0) {
            ctx.reply().raw(RespReply.ZERO);
        } else if (db.value(slot) instanceof byte[] v) {
            ctx.reply().integer(v.length);
        } else {
            ctx.reply().raw(RespReply.ERR_WRONG_TYPE);
        }
    }

    static void append(CommandContext ctx) {
        RespRequest a = ctx.args();
        MutableLong n = ctx.number;
        StoreStatus st = Strings.append(ctx.db(), a.buf(), a.offset(1), a.length(1), a.offset(2), a.length(2), n);
        if (st == StoreStatus.OK) {
            ctx.reply().integer(n.value);
        } else {
            ctx.reply().raw(RespReply.ERR_WRONG_TYPE);
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
            case OK -> ctx.reply().integer(ctx.number.value);
            case WRONG_TYPE -> ctx.reply().raw(RespReply.ERR_WRONG_TYPE);
            case NOT_INTEGER -> ctx.reply().raw(RespReply.ERR_NOT_INTEGER);
            case OVERFLOW -> ctx.reply().raw(RespReply.ERR_OVERFLOW);
            default -> throw new IllegalStateException(st.name());
        }
    }
}
