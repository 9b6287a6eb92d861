package dev.cachalot.engine.command.keyspace;

import dev.cachalot.engine.command.CommandContext;
import dev.cachalot.engine.command.CommandSpec;
import dev.cachalot.engine.protocol.resp.RespReply;
import dev.cachalot.engine.protocol.resp.RespRequest;
import dev.cachalot.engine.store.Database;
import dev.cachalot.engine.store.Keys;
import dev.cachalot.engine.store.StoreStatus;
import dev.cachalot.engine.store.ValueTypes;

import java.util.List;

import static dev.cachalot.engine.command.AclCategory.KEYSPACE;
import static dev.cachalot.engine.command.CommandFlag.FAST;
import static dev.cachalot.engine.command.CommandFlag.READONLY;
import static dev.cachalot.engine.command.CommandFlag.WRITE;
import static dev.cachalot.engine.command.CommandSpec.command;

/** Generic key commands (Redis db.c / expire.c semantics and error texts). */
public final class KeyspaceCommands {

    private static final String GROUP = "generic";
    private static final byte[] NX = RespReply.ascii("NX");
    private static final byte[] XX = RespReply.ascii("XX");
    private static final byte[] GT = RespReply.ascii("GT");
    private static final byte[] LT = RespReply.ascii("LT");

    private KeyspaceCommands() {
    }

    public static List<CommandSpec> specs() {
        return List.of(
                command("del", -2, KeyspaceCommands::del).flags(WRITE).keys(1, -1, 1).acl(KEYSPACE).group(GROUP)
                        .doc("1.0.0", "Deletes one or more keys.", "O(N) where N is the number of keys that will be removed.").build(),
                command("unlink", -2, KeyspaceCommands::del).flags(WRITE, FAST).keys(1, -1, 1).acl(KEYSPACE).group(GROUP)
                        .doc("4.0.0", "Asynchronously deletes one or more keys.", "O(1) for each key removed regardless of its size.").build(),
                command("exists", -2, KeyspaceCommands::exists).flags(READONLY, FAST).keys(1, -1, 1).acl(KEYSPACE).group(GROUP)
                        .doc("1.0.0", "Determines whether one or more keys exist.", "O(N) where N is the number of keys to check.").build(),
                command("expire", -3, ctx -> expire(ctx, true, 1000)).flags(WRITE, FAST).keys(1, 1, 1).acl(KEYSPACE).group(GROUP)
                        .doc("1.0.0", "Sets the expiration time of a key in seconds.", "O(1)").build(),
                command("pexpire", -3, ctx -> expire(ctx, true, 1)).flags(WRITE, FAST).keys(1, 1, 1).acl(KEYSPACE).group(GROUP)
                        .doc("2.6.0", "Sets the expiration time of a key in milliseconds.", "O(1)").build(),
                command("expireat", -3, ctx -> expire(ctx, false, 1000)).flags(WRITE, FAST).keys(1, 1, 1).acl(KEYSPACE).group(GROUP)
                        .doc("1.2.0", "Sets the expiration time of a key to a Unix timestamp.", "O(1)").build(),
                command("pexpireat", -3, ctx -> expire(ctx, false, 1)).flags(WRITE, FAST).keys(1, 1, 1).acl(KEYSPACE).group(GROUP)
                        .doc("2.6.0", "Sets the expiration time of a key to a Unix milliseconds timestamp.", "O(1)").build(),
                command("ttl", 2, ctx -> ttl(ctx, false)).flags(READONLY, FAST).keys(1, 1, 1).acl(KEYSPACE).group(GROUP)
                        .doc("1.0.0", "Returns the expiration time in seconds of a key.", "O(1)").build(),
                command("pttl", 2, ctx -> ttl(ctx, true)).flags(READONLY, FAST).keys(1, 1, 1).acl(KEYSPACE).group(GROUP)
                        .doc("2.6.0", "Returns the expiration time in milliseconds of a key.", "O(1)").build(),
                command("expiretime", 2, ctx -> expireTime(ctx, false)).flags(READONLY, FAST).keys(1, 1, 1).acl(KEYSPACE).group(GROUP)
                        .doc("7.0.0", "Returns the expiration time of a key as a Unix timestamp.", "O(1)").build(),
                command("pexpiretime", 2, ctx -> expireTime(ctx, true)).flags(READONLY, FAST).keys(1, 1, 1).acl(KEYSPACE).group(GROUP)
                        .doc("7.0.0", "Returns the expiration time of a key as a Unix milliseconds timestamp.", "O(1)").build(),
                command("persist", 2, KeyspaceCommands::persist).flags(WRITE, FAST).keys(1, 1, 1).acl(KEYSPACE).group(GROUP)
                        .doc("2.2.0", "Removes the expiration time of a key.", "O(1)").build(),
                command("type", 2, KeyspaceCommands::type).flags(READONLY, FAST).keys(1, 1, 1).acl(KEYSPACE).group(GROUP)
                        .doc("1.0.0", "Determines the type of value stored at a key.", "O(1)").build());
    }

    static void del(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        long deleted = 0;
        for (int i = 1; i < a.argc(); i++) {
            if (db.delete(a.buf(), a.offset(i), a.length(i))) {
                deleted++;
            }
        }
        ctx.reply().integer(deleted);
    }

    static void exists(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        long count = 0;
        for (int i = 1; i < a.argc(); i++) {
            if (db.lookupRead(a.buf(), a.offset(i), a.length(i)) >= 0) {
                count++;
            }
        }
        ctx.reply().integer(count);
    }

    /**
     * EXPIRE / PEXPIRE / EXPIREAT / PEXPIREAT key time [NX | XX | GT | LT] (expireGenericCommand): the
     * options are checked before the number; negative times are allowed and delete the key.
     */
    static void expire(CommandContext ctx, boolean relative, long unitMs) {
        RespRequest a = ctx.args();
        int flags = 0;
        for (int j = 3; j < a.argc(); j++) {
            if (a.is(j, NX)) {
                flags |= Keys.EXPIRE_NX;
            } else if (a.is(j, XX)) {
                flags |= Keys.EXPIRE_XX;
            } else if (a.is(j, GT)) {
                flags |= Keys.EXPIRE_GT;
            } else if (a.is(j, LT)) {
                flags |= Keys.EXPIRE_LT;
            } else {
                ctx.reply().error("Unsupported option " + a.string(j));
                return;
            }
        }
        if ((flags & Keys.EXPIRE_NX) != 0 && (flags & (Keys.EXPIRE_XX | Keys.EXPIRE_GT | Keys.EXPIRE_LT)) != 0) {
            ctx.reply().error("NX and XX, GT or LT options at the same time are not compatible");
            return;
        }
        if ((flags & Keys.EXPIRE_GT) != 0 && (flags & Keys.EXPIRE_LT) != 0) {
            ctx.reply().error("GT and LT options at the same time are not compatible");
            return;
        }
        if (!ctx.longArg(2)) {
            return;
        }
        long when = ctx.number.value;
        if (unitMs == 1000) {
            if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
                ctx.invalidExpireTime();
                return;
            }
            when *= 1000;
        }
        long now = ctx.server().keyspace().nowMs();
        long base = relative ? now : 0;
        if (when > Long.MAX_VALUE - base) {
            ctx.invalidExpireTime();
            return;
        }
        when += base;
        StoreStatus st = Keys.expire(ctx.db(), a.buf(), a.offset(1), a.length(1), when, flags, now);
        ctx.reply().raw(st == StoreStatus.OK ? RespReply.ONE : RespReply.ZERO);
    }

    static void ttl(CommandContext ctx, boolean ms) {
        RespRequest a = ctx.args();
        long ttl = Keys.pttl(ctx.db(), a.buf(), a.offset(1), a.length(1), ctx.server().keyspace().nowMs());
        if (ttl < 0) {
            ctx.reply().raw(ttl == -1 ? RespReply.MINUS_ONE : RespReply.MINUS_TWO);
        } else {
            ctx.reply().integer(ms ? ttl : (ttl + 500) / 1000);
        }
    }

    static void expireTime(CommandContext ctx, boolean ms) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = db.lookupRead(a.buf(), a.offset(1), a.length(1));
        if (slot < 0) {
            ctx.reply().raw(RespReply.MINUS_TWO);
            return;
        }
        long when = db.expireAt(slot);
        if (when == -1) {
            ctx.reply().raw(RespReply.MINUS_ONE);
        } else {
            ctx.reply().integer(ms ? when : (when + 500) / 1000);
        }
    }

    static void persist(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = db.lookupWrite(a.buf(), a.offset(1), a.length(1));
        boolean removed = slot >= 0 && db.clearExpire(slot);
        ctx.reply().raw(removed ? RespReply.ONE : RespReply.ZERO);
    }

    static void type(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = db.lookupRead(a.buf(), a.offset(1), a.length(1));
        ctx.reply().simple(slot < 0 ? "none" : ValueTypes.typeName(db.value(slot)));
    }
}
