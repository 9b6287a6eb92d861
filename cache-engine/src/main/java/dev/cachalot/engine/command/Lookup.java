package dev.cachalot.engine.command;

import dev.cachalot.engine.notify.KeyspaceNotifier;
import dev.cachalot.engine.protocol.resp.RespReply;
import dev.cachalot.engine.protocol.resp.RespRequest;
import dev.cachalot.engine.store.Database;
import dev.cachalot.engine.store.type.KeyedValue;
import dev.cachalot.engine.util.Glob;

import java.nio.charset.StandardCharsets;

/**
 * Shared steps of the data-type commands: typed key lookups that answer WRONGTYPE, removing a key
 * that became empty, and the options of the SCAN family.
 */
public final class Lookup {

    public static final int MISSING = -1;
    /** The key holds another type; WRONGTYPE was replied. */
    public static final int WRONG = -2;

    private Lookup() {
    }

    /** lookupKeyRead + checkType: the slot, {@link #MISSING}, or {@link #WRONG} after replying WRONGTYPE. */
    public static int read(CommandContext ctx, Database db, int arg, Class<? extends KeyedValue> type) {
        RespRequest a = ctx.args();
        return check(ctx, db, db.lookupRead(a.buf(), a.offset(arg), a.length(arg)), type);
    }

    /** lookupKeyWrite + checkType. */
    public static int write(CommandContext ctx, Database db, int arg, Class<? extends KeyedValue> type) {
        RespRequest a = ctx.args();
        return check(ctx, db, db.lookupWrite(a.buf(), a.offset(arg), a.length(arg)), type);
    }

    private static int check(CommandContext ctx, Database db, int slot, Class<? extends KeyedValue> type) {
        if (slot < 0) {
            return MISSING;
        }
        if (!type.isInstance(db.value(slot))) {
            ctx.reply().raw(RespReply.ERR_WRONG_TYPE);
            return WRONG;
        }
        return slot;
    }

    /** After a removal: deletes the key at {@code slot} if its container is empty (Redis then fires "del"). */
    public static boolean deleteIfEmpty(CommandContext ctx, Database db, int slot, KeyedValue v, int arg) {
        if (v.size() == 0) {
            db.deleteSlot(slot);
            KeyEvents.event(ctx, KeyspaceNotifier.GENERIC, "del", arg);
            return true;
        }
        db.recharge(v);
        return false;
    }

    /** The options of SCAN / HSCAN / SSCAN / ZSCAN after the cursor. */
    public static final class ScanOptions {
        public long count = 10;
        public String pattern;
        public String type;

        public boolean matches(byte[] b) {
            return pattern == null || Glob.matches(pattern, new String(b, StandardCharsets.ISO_8859_1), false);
        }
    }

    private static final byte[] COUNT = RespReply.ascii("COUNT");
    private static final byte[] MATCH = RespReply.ascii("MATCH");
    private static final byte[] TYPE = RespReply.ascii("TYPE");

    /** Parses the cursor at {@code cursorArg} (Redis's strtoul rules); false after replying "invalid cursor". */
    public static boolean scanCursor(CommandContext ctx, int cursorArg, long[] out) {
        String s = ctx.args().string(cursorArg);
        int i = 0;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == ' ' || s.charAt(0) == '\t' || s.charAt(0) == '\n' || s.charAt(0) == '\r'
                || s.charAt(0) == '\f' || s.charAt(0) == '\u000b')) {
            ctx.reply().error("invalid cursor");
            return false;
        }
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long v = 0;
        int start = i;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                ctx.reply().error("invalid cursor");
                return false;
            }
            long next = v * 10 + (c - '0');
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L, 10)) > 0 || Long.compareUnsigned(next, v) < 0) {
                ctx.reply().error("invalid cursor");
                return false;
            }
            v = next;
        }
        if (i == start && start > 0) {
            v = 0; // "+" or "-" alone: strtoul parses nothing and stops at the sign
            ctx.reply().error("invalid cursor");
            return false;
        }
        out[0] = negative ? -v : v;
        return true;
    }

    /** scanGenericCommand's option loop; null after replying an error. */
    public static ScanOptions scanOptions(CommandContext ctx, int first, boolean allowType) {
        RespRequest a = ctx.args();
        ScanOptions o = new ScanOptions();
        int i = first;
        while (i < a.argc()) {
            int j = a.argc() - i;
            if (a.is(i, COUNT) && j >= 2) {
                if (!ctx.longArg(i + 1)) {
                    return null;
                }
                if (ctx.number.value < 1) {
                    ctx.reply().raw(RespReply.ERR_SYNTAX);
                    return null;
                }
                o.count = ctx.number.value;
                i += 2;
            } else if (a.is(i, MATCH) && j >= 2) {
                String p = a.string(i + 1);
                o.pattern = p.equals("*") ? null : p;
                i += 2;
            } else if (allowType && a.is(i, TYPE) && j >= 2) {
                o.type = a.string(i + 1);
                i += 2;
            } else {
                ctx.reply().raw(RespReply.ERR_SYNTAX);
                return null;
            }
        }
        return o;
    }

    /** The two-element SCAN reply header: [cursor, [elements…]]. */
    public static void scanReplyHeader(CommandContext ctx, long cursor, int elements) {
        ctx.reply().arrayHeader(2);
        ctx.reply().bulk(Long.toUnsignedString(cursor));
        ctx.reply().arrayHeader(elements);
    }
}
