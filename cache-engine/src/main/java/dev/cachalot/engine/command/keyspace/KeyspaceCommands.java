package dev.cachalot.engine.command.keyspace;

import dev.cachalot.engine.command.CommandContext;
import dev.cachalot.engine.command.CommandSpec;
import dev.cachalot.engine.command.KeyEvents;
import dev.cachalot.engine.command.Lookup;
import dev.cachalot.engine.notify.KeyspaceNotifier;
import dev.cachalot.engine.store.BlockedKeys;
import dev.cachalot.engine.store.IntList;
import dev.cachalot.engine.store.Keyspace;
import dev.cachalot.engine.store.Rdb;
import dev.cachalot.engine.store.StringEntry;
import dev.cachalot.engine.store.Strings;
import dev.cachalot.engine.store.type.KeyedValue;
import dev.cachalot.engine.util.Glob;
import dev.cachalot.engine.protocol.resp.RespReply;
import dev.cachalot.engine.protocol.resp.RespRequest;
import dev.cachalot.engine.store.Database;
import dev.cachalot.engine.store.Keys;
import dev.cachalot.engine.store.StoreStatus;
import dev.cachalot.engine.store.ValueTypes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.cachalot.engine.command.AclCategory.KEYSPACE;
import static dev.cachalot.engine.command.AclCategory.DANGEROUS;
import static dev.cachalot.engine.command.CommandFlag.DENYOOM;
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
                        .doc("1.0.0", "Determines the type of value stored at a key.", "O(1)").build(),
                command("rename", 3, ctx -> rename(ctx, false)).flags(WRITE).keys(1, 2, 1).acl(KEYSPACE).group(GROUP)
                        .doc("1.0.0", "Renames a key and overwrites the destination.", "O(1)").build(),
                command("renamenx", 3, ctx -> rename(ctx, true)).flags(WRITE, FAST).keys(1, 2, 1).acl(KEYSPACE).group(GROUP)
                        .doc("1.0.0", "Renames a key only when the target key name doesn't exist.", "O(1)").build(),
                command("copy", -3, KeyspaceCommands::copy).flags(WRITE, DENYOOM).keys(1, 2, 1).acl(KEYSPACE).group(GROUP)
                        .doc("6.2.0", "Copies the value of a key to a new key.", "O(N) worst case for collections, where N is the number of nested items. O(1) for string values.").build(),
                command("move", 3, KeyspaceCommands::move).flags(WRITE, FAST).keys(1, 1, 1).acl(KEYSPACE).group(GROUP)
                        .doc("1.0.0", "Moves a key to another database.", "O(1)").build(),
                command("randomkey", 1, KeyspaceCommands::randomkey).flags(READONLY).acl(KEYSPACE).group(GROUP)
                        .doc("1.0.0", "Returns a random key name from the database.", "O(1)").build(),
                command("keys", 2, KeyspaceCommands::keys).flags(READONLY).acl(KEYSPACE, DANGEROUS).group(GROUP)
                        .doc("1.0.0", "Returns all key names that match a pattern.", "O(N) with N being the number of keys in the database, under the assumption that the key names in the database and the given pattern have limited length.").build(),
                command("scan", -2, KeyspaceCommands::scan).flags(READONLY).acl(KEYSPACE).group(GROUP)
                        .doc("2.8.0", "Iterates over the key names in the database.", "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.").build(),
                command("touch", -2, KeyspaceCommands::touch).flags(READONLY, FAST).keys(1, -1, 1).acl(KEYSPACE).group(GROUP)
                        .doc("3.2.1", "Returns the number of existing keys out of those specified after updating the time they were last accessed.", "O(N) where N is the number of keys that will be touched.").build(),
                command("dump", 2, KeyspaceCommands::dump).flags(READONLY).keys(1, 1, 1).acl(KEYSPACE).group(GROUP)
                        .doc("2.6.0", "Returns a serialized representation of the value stored at a key.", "O(1) to access the key and additional O(N*M) to serialize it, where N is the number of Redis objects composing the value and M their average size. For small string values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1).").build(),
                command("restore", -4, KeyspaceCommands::restore).flags(WRITE, DENYOOM).keys(1, 1, 1).acl(KEYSPACE, DANGEROUS).group(GROUP)
                        .doc("2.6.0", "Creates a key from the serialized representation of a value.", "O(1) to create the new key and additional O(N*M) to reconstruct the serialized value, where N is the number of Redis objects composing the value and M their average size. For small string values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1). However for sorted set values the complexity is O(N*M*log(N)) because inserting values into sorted sets is O(log(N)).").build(),
                command("swapdb", 3, KeyspaceCommands::swapdb).flags(WRITE, FAST).acl(KEYSPACE, DANGEROUS).group("server")
                        .doc("4.0.0", "Swaps two Redis databases.", "O(N) where N is the count of clients watching or blocking on keys from both databases.").build(),
                command("sort", -2, ctx -> SortCommand.sort(ctx, false)).flags(WRITE, DENYOOM, dev.cachalot.engine.command.CommandFlag.MOVABLEKEYS).keys(1, 1, 1)
                        .acl(dev.cachalot.engine.command.AclCategory.SET, dev.cachalot.engine.command.AclCategory.SORTEDSET, dev.cachalot.engine.command.AclCategory.LIST, DANGEROUS).group(GROUP)
                        .doc("1.0.0", "Sorts the elements in a list, a set, or a sorted set, optionally storing the result.", "O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).").build(),
                command("sort_ro", -2, ctx -> SortCommand.sort(ctx, true)).flags(READONLY).keys(1, 1, 1)
                        .acl(dev.cachalot.engine.command.AclCategory.SET, dev.cachalot.engine.command.AclCategory.SORTEDSET, dev.cachalot.engine.command.AclCategory.LIST, DANGEROUS).group(GROUP)
                        .doc("7.0.0", "Returns the sorted elements of a list, a set, or a sorted set.", "O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).").build(),
                ObjectCommand.spec());
    }

    static void del(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        long deleted = 0;
        for (int i = 1; i < a.argc(); i++) {
            if (db.delete(a.buf(), a.offset(i), a.length(i))) {
                deleted++;
                KeyEvents.written(ctx, KeyspaceNotifier.GENERIC, "del", i);
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
        Database db = ctx.db();
        StoreStatus st = Keys.expire(db, a.buf(), a.offset(1), a.length(1), when, flags, now);
        if (st == StoreStatus.OK) {
            // a time in the past deleted the key (Redis then reports "del")
            boolean deleted = when <= now;
            KeyEvents.written(ctx, KeyspaceNotifier.GENERIC, deleted ? "del" : "expire", 1);
        }
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
        if (removed) {
            KeyEvents.written(ctx, KeyspaceNotifier.GENERIC, "persist", 1);
        }
        ctx.reply().raw(removed ? RespReply.ONE : RespReply.ZERO);
    }

    static void type(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = db.lookupNoTouch(a.buf(), a.offset(1), a.length(1));
        ctx.reply().simple(slot < 0 ? "none" : ValueTypes.typeName(db.value(slot)));
    }

    private static final byte[] REPLACE = RespReply.ascii("REPLACE");
    private static final byte[] DB = RespReply.ascii("DB");
    private static final byte[] ABSTTL = RespReply.ascii("ABSTTL");
    private static final byte[] IDLETIME = RespReply.ascii("IDLETIME");
    private static final byte[] FREQ = RespReply.ascii("FREQ");

    /** The same value under another key: string entries are rebuilt, containers re-keyed. */
    private static Object rekey(Object v, byte[] key) {
        if (v instanceof byte[] e) {
            return StringEntry.of(key, StringEntry.value(e));
        }
        ((KeyedValue) v).key(key);
        return v;
    }

    /** RENAME / RENAMENX (renameGenericCommand). */
    static void rename(CommandContext ctx, boolean nx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        boolean same = a.length(1) == a.length(2) && a.string(1).equals(a.string(2));
        int src = db.lookupWrite(a.buf(), a.offset(1), a.length(1));
        if (src < 0) {
            ctx.reply().error("no such key");
            return;
        }
        if (same) {
            ctx.reply().raw(nx ? RespReply.ZERO : RespReply.OK);
            return;
        }
        Object v = db.value(src);
        long expire = db.expireAt(src);
        byte[] srcKey = a.bytes(1);
        byte[] dstKey = a.bytes(2);
        int dst = db.lookupWrite(dstKey);
        if (dst >= 0) {
            if (nx) {
                ctx.reply().raw(RespReply.ZERO);
                return;
            }
            db.deleteSlot(dst);
        }
        db.deleteSlot(db.lookupNoTouch(srcKey));
        int slot = db.put(rekey(v, dstKey));
        if (expire != -1) {
            db.setExpire(slot, expire);
        }
        KeyEvents.modified(ctx, srcKey, db.id());
        KeyEvents.modified(ctx, dstKey, db.id());
        KeyEvents.event(ctx, KeyspaceNotifier.GENERIC, "rename_from", srcKey, db.id());
        KeyEvents.event(ctx, KeyspaceNotifier.GENERIC, "rename_to", dstKey, db.id());
        ctx.reply().raw(nx ? RespReply.ONE : RespReply.OK);
    }

    /** Parses a database index argument as getIntFromObjectOrReply + selectDb do; -1 after replying. */
    private static int dbIndex(CommandContext ctx, int arg) {
        if (!ctx.longArg(arg)) {
            return -1;
        }
        long v = ctx.number.value;
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            ctx.reply().raw(RespReply.ERR_NOT_INTEGER);
            return -1;
        }
        if (v < 0 || v >= Keyspace.DATABASES) {
            ctx.reply().raw(RespReply.ERR_DB_INDEX);
            return -1;
        }
        return (int) v;
    }

    static void copy(CommandContext ctx) {
        RespRequest a = ctx.args();
        boolean replace = false;
        int dstDb = ctx.session().db();
        for (int j = 3; j < a.argc(); j++) {
            if (a.is(j, REPLACE)) {
                replace = true;
            } else if (a.is(j, DB) && j + 1 < a.argc()) {
                dstDb = dbIndex(ctx, j + 1);
                if (dstDb < 0) {
                    return;
                }
                j++;
            } else {
                ctx.reply().raw(RespReply.ERR_SYNTAX);
                return;
            }
        }
        Database db = ctx.db();
        Database dst = ctx.server().keyspace().db(dstDb);
        byte[] newKey = a.bytes(2);
        if (dst == db && a.string(1).equals(a.string(2))) {
            ctx.reply().error("source and destination objects are the same");
            return;
        }
        int src = db.lookupRead(a.buf(), a.offset(1), a.length(1));
        if (src < 0) {
            ctx.reply().raw(RespReply.ZERO);
            return;
        }
        Object v = db.value(src);
        long expire = db.expireAt(src);
        int existing = dst.lookupWrite(newKey);
        if (existing >= 0) {
            if (!replace) {
                ctx.reply().raw(RespReply.ZERO);
                return;
            }
            dst.deleteSlot(existing);
        }
        Object copy = v instanceof byte[] e ? StringEntry.of(newKey, StringEntry.value(e)) : rekey(((KeyedValue) v).copy(), newKey);
        int slot = dst.put(copy);
        if (expire != -1) {
            dst.setExpire(slot, expire);
        }
        KeyEvents.written(ctx, KeyspaceNotifier.GENERIC, "copy_to", newKey, dstDb);
        ctx.reply().raw(RespReply.ONE);
    }

    static void move(CommandContext ctx) {
        RespRequest a = ctx.args();
        int target = dbIndex(ctx, 2);
        if (target < 0) {
            return;
        }
        Database db = ctx.db();
        if (target == db.id()) {
            ctx.reply().error("source and destination objects are the same");
            return;
        }
        Database dst = ctx.server().keyspace().db(target);
        int src = db.lookupWrite(a.buf(), a.offset(1), a.length(1));
        if (src < 0) {
            ctx.reply().raw(RespReply.ZERO);
            return;
        }
        byte[] key = a.bytes(1);
        if (dst.lookupWrite(key) >= 0) {
            ctx.reply().raw(RespReply.ZERO);
            return;
        }
        Object v = db.value(src);
        long expire = db.expireAt(src);
        db.deleteSlot(src);
        int slot = dst.put(v);
        if (expire != -1) {
            dst.setExpire(slot, expire);
        }
        KeyEvents.modified(ctx, key, db.id());
        KeyEvents.modified(ctx, key, target);
        KeyEvents.event(ctx, KeyspaceNotifier.GENERIC, "move_from", key, db.id());
        KeyEvents.event(ctx, KeyspaceNotifier.GENERIC, "move_to", key, target);
        ctx.reply().raw(RespReply.ONE);
    }

    /** RANDOMKEY: skips (and expires) keys whose time has passed, as dbRandomKey. */
    static void randomkey(CommandContext ctx) {
        Database db = ctx.db();
        var random = ctx.server().keyspace().random();
        int tries = 100;
        for (;;) {
            int slot = db.randomSlot(random);
            if (slot < 0) {
                ctx.reply().nullBulk();
                return;
            }
            boolean allVolatile = db.volatileSize() == db.size();
            if (db.isExpired(slot, ctx.server().keyspace().nowMs())) {
                if (allVolatile && --tries == 0) {
                    ctx.reply().bulk(db.keyArray(slot), db.keyOffset(slot), db.keyLength(slot));
                    return;
                }
                db.expireIfDue(slot);
                continue;
            }
            ctx.reply().bulk(db.keyArray(slot), db.keyOffset(slot), db.keyLength(slot));
            return;
        }
    }

    static void keys(CommandContext ctx) {
        Database db = ctx.db();
        String pattern = ctx.args().string(1);
        boolean all = pattern.equals("*");
        long now = ctx.server().keyspace().nowMs();
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < db.capacity(); i++) {
            if (db.occupied(i) && !db.isExpired(i, now)) {
                byte[] k = db.key(i);
                if (all || Glob.matches(pattern, new String(k, StandardCharsets.ISO_8859_1), false)) {
                    out.add(k);
                }
            }
        }
        ctx.reply().arrayHeader(out.size());
        for (byte[] k : out) {
            ctx.reply().bulk(k);
        }
    }

    /** SCAN cursor [MATCH pattern] [COUNT count] [TYPE type] over the table's buckets. */
    static void scan(CommandContext ctx) {
        long[] cursor = new long[1];
        if (!Lookup.scanCursor(ctx, 1, cursor)) {
            return;
        }
        Lookup.ScanOptions o = Lookup.scanOptions(ctx, 2, true);
        if (o == null) {
            return;
        }
        Database db = ctx.db();
        IntList slots = new IntList();
        List<byte[]> keys = new ArrayList<>();
        long c = cursor[0];
        long max = o.count * 10;
        do {
            slots.clear();
            c = db.scan(c, slots);
            for (int i = 0; i < slots.size(); i++) {
                keys.add(db.key(slots.get(i)));
            }
        } while (c != 0 && max-- > 0 && keys.size() < o.count);
        List<byte[]> out = new ArrayList<>(keys.size());
        for (byte[] k : keys) {
            if (!o.matches(k)) {
                continue;
            }
            int slot = db.lookupNoTouch(k); // expires a key whose time has passed
            if (slot < 0) {
                continue;
            }
            if (o.type != null && !o.type.equalsIgnoreCase(ValueTypes.typeName(db.value(slot)))) {
                continue;
            }
            out.add(k);
        }
        Lookup.scanReplyHeader(ctx, c, out.size());
        for (byte[] k : out) {
            ctx.reply().bulk(k);
        }
    }

    static void touch(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        long n = 0;
        for (int i = 1; i < a.argc(); i++) {
            if (db.lookupRead(a.buf(), a.offset(i), a.length(i)) >= 0) {
                n++;
            }
        }
        ctx.reply().integer(n);
    }

    static void dump(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = db.lookupRead(a.buf(), a.offset(1), a.length(1));
        if (slot < 0) {
            ctx.reply().nullBulk();
        } else {
            ctx.reply().bulk(Rdb.dump(db.value(slot)));
        }
    }

    /** RESTORE key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency]. */
    static void restore(CommandContext ctx) {
        RespRequest a = ctx.args();
        boolean replace = false;
        boolean absttl = false;
        long idle = -1;
        long freq = -1;
        for (int j = 4; j < a.argc(); j++) {
            int more = a.argc() - j - 1;
            if (a.is(j, REPLACE)) {
                replace = true;
            } else if (a.is(j, ABSTTL)) {
                absttl = true;
            } else if (a.is(j, IDLETIME) && more >= 1 && freq == -1) {
                if (!ctx.longArg(j + 1)) {
                    return;
                }
                idle = ctx.number.value;
                if (idle < 0) {
                    ctx.reply().error("Invalid IDLETIME value, must be >= 0");
                    return;
                }
                j++;
            } else if (a.is(j, FREQ) && more >= 1 && idle == -1) {
                if (!ctx.longArg(j + 1)) {
                    return;
                }
                freq = ctx.number.value;
                if (freq < 0 || freq > 255) {
                    ctx.reply().error("Invalid FREQ value, must be >= 0 and <= 255");
                    return;
                }
                j++;
            } else {
                ctx.reply().raw(RespReply.ERR_SYNTAX);
                return;
            }
        }
        Database db = ctx.db();
        if (!replace && db.lookupWrite(a.buf(), a.offset(1), a.length(1)) >= 0) {
            ctx.reply().error("-BUSYKEY Target key name already exists.");
            return;
        }
        if (!ctx.longArg(2)) {
            return;
        }
        long ttl = ctx.number.value;
        if (ttl < 0) {
            ctx.reply().error("Invalid TTL value, must be >= 0");
            return;
        }
        byte[] payload = a.bytes(3);
        if (!Rdb.verify(payload)) {
            ctx.reply().error("DUMP payload version or checksum are wrong");
            return;
        }
        Object value;
        try {
            value = Rdb.load(payload, ctx.server().keyspace().config());
        } catch (Rdb.BadFormat e) {
            ctx.reply().error("Bad data format");
            return;
        }
        byte[] key = a.bytes(1);
        boolean deleted = false;
        if (replace) {
            int old = db.lookupWrite(key);
            if (old >= 0) {
                db.deleteSlot(old);
                deleted = true;
            }
        }
        long now = ctx.server().keyspace().nowMs();
        if (ttl > 0 && !absttl) {
            ttl += now;
        }
        if (ttl > 0 && ttl <= now) {
            if (deleted) {
                KeyEvents.written(ctx, KeyspaceNotifier.GENERIC, "del", key, db.id());
            }
            ctx.reply().ok();
            return;
        }
        int slot = value instanceof byte[] v ? db.put(StringEntry.of(key, v)) : db.put(key, (KeyedValue) value);
        if (ttl > 0) {
            db.setExpire(slot, ttl);
        }
        ctx.server().keyspace().setAccess(db, slot, freq, idle);
        KeyEvents.written(ctx, KeyspaceNotifier.GENERIC, "restore", key, db.id());
        ctx.reply().ok();
    }

    static void swapdb(CommandContext ctx) {
        RespRequest a = ctx.args();
        int first;
        int second;
        if (!a.parseLong(1, ctx.number) || ctx.number.value < Integer.MIN_VALUE || ctx.number.value > Integer.MAX_VALUE) {
            ctx.reply().error("invalid first DB index");
            return;
        }
        first = (int) ctx.number.value;
        if (!a.parseLong(2, ctx.number) || ctx.number.value < Integer.MIN_VALUE || ctx.number.value > Integer.MAX_VALUE) {
            ctx.reply().error("invalid second DB index");
            return;
        }
        second = (int) ctx.number.value;
        if (first < 0 || first >= Keyspace.DATABASES || second < 0 || second >= Keyspace.DATABASES) {
            ctx.reply().raw(RespReply.ERR_DB_INDEX);
            return;
        }
        Keyspace ks = ctx.server().keyspace();
        if (first != second) {
            ctx.server().notifier().signalSwappedDb(first, second); // WATCHes of keys in either database fail
            ks.db(first).swapContents(ks.db(second));
            // clients blocked on keys that the swap brought in may go on (scanDatabaseForReadyKeys)
            BlockedKeys blocked = ks.blocked();
            for (BlockedKeys.DbKey k : new ArrayList<>(blocked.keys())) {
                if ((k.db() == first || k.db() == second) && ks.db(k.db()).lookupNoTouch(k.key()) >= 0) {
                    blocked.signalReady(k.db(), k.key(), 0, k.key().length);
                }
            }
        }
        ctx.reply().ok();
    }
}
