package dev.cachalot.engine.command.keyspace;

import dev.cachalot.engine.command.CommandContext;
import dev.cachalot.engine.command.CommandSpec;
import dev.cachalot.engine.protocol.resp.MutableLong;
import dev.cachalot.engine.protocol.resp.RespNumbers;
import dev.cachalot.engine.protocol.resp.RespRequest;
import dev.cachalot.engine.store.Database;
import dev.cachalot.engine.store.EvictionPolicy;
import dev.cachalot.engine.store.Keyspace;
import dev.cachalot.engine.store.StringEntry;
import dev.cachalot.engine.store.Strings;
import dev.cachalot.engine.store.type.KeyedValue;

import static dev.cachalot.engine.command.AclCategory.KEYSPACE;
import static dev.cachalot.engine.command.CommandFlag.LOADING;
import static dev.cachalot.engine.command.CommandFlag.READONLY;
import static dev.cachalot.engine.command.CommandFlag.STALE;
import static dev.cachalot.engine.command.CommandSpec.command;

/** OBJECT ENCODING | FREQ | IDLETIME | REFCOUNT | HELP, without touching the key (Redis object.c). */
final class ObjectCommand {

    /** OBJ_SHARED_REFCOUNT: what Redis reports for its shared small integers. */
    private static final long SHARED_REFCOUNT = Integer.MAX_VALUE;

    private ObjectCommand() {
    }

    static CommandSpec spec() {
        return command("object", -2, ctx -> { }).acl(KEYSPACE).group("generic")
                .doc("2.2.3", "A container for object introspection commands.", "Depends on subcommand.")
                .subcommand(command("encoding", 3, ObjectCommand::encoding).flags(READONLY).keys(2, 2, 1).acl(KEYSPACE)
                        .doc("2.2.3", "Returns the internal encoding of a Redis object.", "O(1)"))
                .subcommand(command("freq", 3, ObjectCommand::freq).flags(READONLY).keys(2, 2, 1).acl(KEYSPACE)
                        .doc("4.0.0", "Returns the logarithmic access frequency counter of a Redis object.", "O(1)"))
                .subcommand(command("idletime", 3, ObjectCommand::idletime).flags(READONLY).keys(2, 2, 1).acl(KEYSPACE)
                        .doc("2.2.3", "Returns the time since the last access to a Redis object.", "O(1)"))
                .subcommand(command("refcount", 3, ObjectCommand::refcount).flags(READONLY).keys(2, 2, 1).acl(KEYSPACE)
                        .doc("2.2.3", "Returns the reference count of a value of a key.", "O(1)"))
                .subcommand(command("help", 2, ObjectCommand::help).flags(LOADING, STALE).acl(KEYSPACE)
                        .doc("6.2.0", "Returns helpful text about the different subcommands.", "O(1)"))
                .build();
    }

    /** objectCommandLookup: the slot of argument 2 without touching it, or -1 after replying null. */
    private static int lookup(CommandContext ctx) {
        RespRequest a = ctx.args();
        int slot = ctx.db().lookupNoTouch(a.buf(), a.offset(2), a.length(2));
        if (slot < 0) {
            ctx.reply().nullBulk();
        }
        return slot;
    }

    static void encoding(CommandContext ctx) {
        int slot = lookup(ctx);
        if (slot < 0) {
            return;
        }
        Database db = ctx.db();
        Object v = db.value(slot);
        ctx.reply().bulk(v instanceof byte[] ? Strings.encoding(db, slot) : ((KeyedValue) v).encoding());
    }

    static void freq(CommandContext ctx) {
        int slot = lookup(ctx);
        if (slot < 0) {
            return;
        }
        Keyspace ks = ctx.server().keyspace();
        if (!ks.config().policy().lfu()) {
            ctx.reply().error("An LFU maxmemory policy is not selected, access frequency not tracked. Please note that "
                    + "when switching between policies at runtime LRU and LFU data will take some time to adjust.");
            return;
        }
        ctx.reply().integer(ks.lfuDecr(ctx.db().lru(slot)));
    }

    static void idletime(CommandContext ctx) {
        int slot = lookup(ctx);
        if (slot < 0) {
            return;
        }
        Keyspace ks = ctx.server().keyspace();
        if (ks.config().policy().lfu()) {
            ctx.reply().error("An LFU maxmemory policy is selected, idle time not tracked. Please note that when "
                    + "switching between policies at runtime LRU and LFU data will take some time to adjust.");
            return;
        }
        ctx.reply().integer(ks.idleMillis(ctx.db().lru(slot)) / 1000);
    }

    static void refcount(CommandContext ctx) {
        int slot = lookup(ctx);
        if (slot < 0) {
            return;
        }
        Database db = ctx.db();
        long refs = 1;
        if (db.value(slot) instanceof byte[] e && !db.rawString(slot)) {
            int vs = StringEntry.valStart(e);
            MutableLong n = new MutableLong();
            EvictionPolicy p = ctx.server().keyspace().config().policy();
            boolean sharing = ctx.server().maxmemory() == 0 || !(p.lru() || p.lfu());
            if (sharing && e.length - vs <= 20 && RespNumbers.string2ll(e, vs, e.length - vs, n) && n.value >= 0 && n.value < 10000) {
                refs = SHARED_REFCOUNT;
            }
        }
        ctx.reply().integer(refs);
    }

    static void help(CommandContext ctx) {
        String[] lines = {
                "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "ENCODING <key>",
                "    Return the kind of internal representation used in order to store the value",
                "    associated with a <key>.",
                "FREQ <key>",
                "    Return the access frequency index of the <key>. The returned integer is",
                "    proportional to the logarithm of the recent access frequency of the key.",
                "IDLETIME <key>",
                "    Return the idle time of the <key>, that is the approximated number of",
                "    seconds elapsed since the last access to the key.",
                "REFCOUNT <key>",
                "    Return the number of references of the value associated with the specified",
                "    <key>.",
                "HELP",
                "    Prints this help."};
        ctx.reply().arrayHeader(lines.length);
        for (String l : lines) {
            ctx.reply().simple(l);
        }
    }
}
