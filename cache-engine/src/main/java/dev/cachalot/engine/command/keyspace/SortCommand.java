package dev.cachalot.engine.command.keyspace;

import dev.cachalot.engine.command.CommandContext;
import dev.cachalot.engine.command.KeyEvents;
import dev.cachalot.engine.notify.KeyspaceNotifier;
import dev.cachalot.engine.protocol.resp.RespReply;
import dev.cachalot.engine.protocol.resp.RespRequest;
import dev.cachalot.engine.store.Database;
import dev.cachalot.engine.store.StringEntry;
import dev.cachalot.engine.store.type.HashValue;
import dev.cachalot.engine.store.type.ListValue;
import dev.cachalot.engine.store.type.SetValue;
import dev.cachalot.engine.store.type.ZSetValue;
import dev.cachalot.engine.util.Doubles;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** SORT and SORT_RO (Redis sort.c): BY, LIMIT, GET (# and hash fields), ASC/DESC, ALPHA, STORE. */
final class SortCommand {

    private static final byte[] ASC = RespReply.ascii("ASC");
    private static final byte[] DESC = RespReply.ascii("DESC");
    private static final byte[] ALPHA = RespReply.ascii("ALPHA");
    private static final byte[] LIMIT = RespReply.ascii("LIMIT");
    private static final byte[] STORE = RespReply.ascii("STORE");
    private static final byte[] BY = RespReply.ascii("BY");
    private static final byte[] GET = RespReply.ascii("GET");

    private SortCommand() {
    }

    private static final class Item {
        final byte[] obj;
        double score;
        byte[] cmp;

        Item(byte[] obj) {
            this.obj = obj;
        }
    }

    static void sort(CommandContext ctx, boolean readonly) {
        RespRequest a = ctx.args();
        boolean desc = false;
        boolean alpha = false;
        long limitStart = 0;
        long limitCount = -1;
        int store = -1;
        byte[] sortBy = null;
        boolean dontSort = false;
        List<byte[]> gets = new ArrayList<>();
        for (int j = 2; j < a.argc(); j++) {
            int left = a.argc() - j - 1;
            if (a.is(j, ASC)) {
                desc = false;
            } else if (a.is(j, DESC)) {
                desc = true;
            } else if (a.is(j, ALPHA)) {
                alpha = true;
            } else if (a.is(j, LIMIT) && left >= 2) {
                if (!ctx.longArg(j + 1)) {
                    return;
                }
                limitStart = ctx.number.value;
                if (!ctx.longArg(j + 2)) {
                    return;
                }
                limitCount = ctx.number.value;
                j += 2;
            } else if (!readonly && a.is(j, STORE) && left >= 1) {
                store = ++j;
            } else if (a.is(j, BY) && left >= 1) {
                sortBy = a.bytes(++j);
                dontSort = indexOf(sortBy, (byte) '*') < 0;
            } else if (a.is(j, GET) && left >= 1) {
                gets.add(a.bytes(++j));
            } else {
                ctx.reply().raw(RespReply.ERR_SYNTAX);
                return;
            }
        }
        Database db = ctx.db();
        int slot = store >= 0 ? db.lookupWrite(a.buf(), a.offset(1), a.length(1)) : db.lookupRead(a.buf(), a.offset(1), a.length(1));
        Object v = slot < 0 ? null : db.value(slot);
        if (v != null && !(v instanceof SetValue) && !(v instanceof ListValue) && !(v instanceof ZSetValue)) {
            ctx.reply().raw(RespReply.ERR_WRONG_TYPE);
            return;
        }
        if (dontSort && v instanceof SetValue && store >= 0) {
            dontSort = false;
            alpha = true;
            sortBy = null;
        }
        int len = v == null ? 0 : v instanceof ListValue l ? l.size() : v instanceof SetValue s ? s.size() : ((ZSetValue) v).size();
        long start = limitStart < 0 ? 0 : limitStart;
        long end = limitCount < 0 ? len - 1 : start + limitCount - 1;
        if (start >= len) {
            start = len - 1;
            end = len - 2;
        }
        if (end >= len) {
            end = len - 1;
        }
        List<Item> items = new ArrayList<>();
        if (v instanceof ListValue l) {
            if (dontSort) {
                for (long i = start; i <= end; i++) {
                    items.add(new Item(l.get((int) (desc ? len - 1 - i : i))));
                }
                end -= start;
                start = 0;
            } else {
                for (int i = 0; i < len; i++) {
                    items.add(new Item(l.get(i)));
                }
            }
        } else if (v instanceof SetValue s) {
            s.forEach(m -> items.add(new Item(m)));
        } else if (v instanceof ZSetValue z) {
            if (dontSort) {
                ZSetValue.Node x = desc ? z.byRank(len - 1 - start) : z.byRank(start);
                for (long i = start; i <= end && x != null; i++) {
                    items.add(new Item(x.ele()));
                    x = desc ? x.prev() : x.next();
                }
                end -= start;
                start = 0;
            } else {
                for (ZSetValue.Node x = z.first(); x != null; x = x.next()) {
                    items.add(new Item(x.ele()));
                }
            }
        }
        boolean conversionError = false;
        if (!dontSort) {
            for (Item it : items) {
                byte[] by = sortBy == null ? it.obj : byPattern(db, sortBy, it.obj);
                if (by == null) {
                    continue;
                }
                if (alpha) {
                    if (sortBy != null) {
                        it.cmp = by;
                    }
                } else {
                    double d = Doubles.parseLenient(new String(by, StandardCharsets.ISO_8859_1));
                    String t = new String(by, StandardCharsets.ISO_8859_1);
                    if (Double.isNaN(d) || (!t.isEmpty() && Character.isWhitespace(t.charAt(t.length() - 1)))) {
                        conversionError = true;
                    } else {
                        it.score = d;
                    }
                }
            }
            final boolean byPattern = sortBy != null;
            final boolean alphaSort = alpha;
            Comparator<Item> cmp = (x, y) -> {
                if (!alphaSort) {
                    int c = Double.compare(x.score, y.score);
                    if (x.score == y.score) {
                        c = Arrays.compareUnsigned(x.obj, y.obj);
                    } else {
                        c = x.score > y.score ? 1 : -1;
                    }
                    return c;
                }
                if (byPattern) {
                    if (x.cmp == null || y.cmp == null) {
                        return x.cmp == y.cmp ? 0 : x.cmp == null ? -1 : 1;
                    }
                    return Arrays.compareUnsigned(x.cmp, y.cmp);
                }
                return Arrays.compareUnsigned(x.obj, y.obj);
            };
            items.sort(desc ? cmp.reversed() : cmp);
        }
        long outLen = gets.isEmpty() ? end - start + 1 : gets.size() * (end - start + 1);
        if (conversionError) {
            ctx.reply().error("One or more scores can't be converted into double");
            return;
        }
        if (store < 0) {
            RespReply r = ctx.reply();
            r.arrayHeader((int) Math.max(0, outLen));
            for (long j = start; j <= end; j++) {
                Item it = items.get((int) j);
                if (gets.isEmpty()) {
                    r.bulk(it.obj);
                }
                for (byte[] g : gets) {
                    byte[] val = byPattern(db, g, it.obj);
                    if (val == null) {
                        r.nullBulk();
                    } else {
                        r.bulk(val);
                    }
                }
            }
            return;
        }
        ListValue out = new ListValue();
        for (long j = start; j <= end; j++) {
            Item it = items.get((int) j);
            if (gets.isEmpty()) {
                out.beforeAdd(it.obj.length, 1, ctx.server().keyspace().config());
                out.pushTail(it.obj.clone());
            }
            for (byte[] g : gets) {
                byte[] val = byPattern(db, g, it.obj);
                byte[] e = val == null ? new byte[0] : val.clone();
                out.beforeAdd(e.length, 1, ctx.server().keyspace().config());
                out.pushTail(e);
            }
        }
        int dst = db.lookupWrite(a.buf(), a.offset(store), a.length(store));
        if (outLen > 0) {
            out.afterRemove(ctx.server().keyspace().config());
            if (dst >= 0) {
                db.clearExpire(dst);
                db.setValue(dst, out);
            } else {
                db.insertAfterMiss(a.buf(), a.offset(store), a.length(store), out);
            }
            KeyEvents.written(ctx, KeyspaceNotifier.LIST, "sortstore", store);
        } else if (dst >= 0) {
            db.deleteSlot(dst);
            KeyEvents.written(ctx, KeyspaceNotifier.GENERIC, "del", store);
        }
        ctx.reply().integer(Math.max(0, outLen));
    }

    private static int indexOf(byte[] b, byte c) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** lookupKeyByPattern: "#" is the element; the first "*" is replaced; "->field" reads a hash field. */
    private static byte[] byPattern(Database db, byte[] pattern, byte[] subst) {
        if (pattern.length == 1 && pattern[0] == '#') {
            return subst;
        }
        int star = indexOf(pattern, (byte) '*');
        if (star < 0) {
            return null;
        }
        int arrow = -1;
        for (int i = star + 1; i + 1 < pattern.length; i++) {
            if (pattern[i] == '-' && pattern[i + 1] == '>') {
                arrow = i;
                break;
            }
        }
        byte[] field = null;
        int postEnd = pattern.length;
        if (arrow >= 0 && arrow + 2 < pattern.length) {
            field = Arrays.copyOfRange(pattern, arrow + 2, pattern.length);
            postEnd = arrow;
        }
        byte[] key = new byte[star + subst.length + (postEnd - star - 1)];
        System.arraycopy(pattern, 0, key, 0, star);
        System.arraycopy(subst, 0, key, star, subst.length);
        System.arraycopy(pattern, star + 1, key, star + subst.length, postEnd - star - 1);
        int slot = db.lookupRead(key);
        if (slot < 0) {
            return null;
        }
        Object o = db.value(slot);
        if (field != null) {
            return o instanceof HashValue h ? h.get(field) : null;
        }
        return o instanceof byte[] e ? StringEntry.value(e) : null;
    }
}
