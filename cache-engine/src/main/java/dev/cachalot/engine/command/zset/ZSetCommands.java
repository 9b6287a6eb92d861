package dev.cachalot.engine.command.zset;

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
import dev.cachalot.engine.store.IntList;
import dev.cachalot.engine.store.type.SetValue;
import dev.cachalot.engine.store.type.ZSetValue;
import dev.cachalot.engine.store.type.ZSetValue.LexRange;
import dev.cachalot.engine.store.type.ZSetValue.Node;
import dev.cachalot.engine.store.type.ZSetValue.ScoreRange;
import dev.cachalot.engine.command.string.StringCommands;
import dev.cachalot.engine.util.Doubles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.cachalot.engine.command.AclCategory.SORTEDSET;
import static dev.cachalot.engine.command.CommandFlag.BLOCKING;
import static dev.cachalot.engine.command.CommandFlag.DENYOOM;
import static dev.cachalot.engine.command.CommandFlag.FAST;
import static dev.cachalot.engine.command.CommandFlag.MOVABLEKEYS;
import static dev.cachalot.engine.command.CommandFlag.NOSCRIPT;
import static dev.cachalot.engine.command.CommandFlag.READONLY;
import static dev.cachalot.engine.command.CommandFlag.WRITE;
import static dev.cachalot.engine.command.CommandSpec.command;

/** Sorted-set commands (Redis t_zset.c semantics, replies and error texts). */
public final class ZSetCommands {

    private static final String GROUP = "sorted_set";
    private static final byte[] NX = RespReply.ascii("NX");
    private static final byte[] XX = RespReply.ascii("XX");
    private static final byte[] GT = RespReply.ascii("GT");
    private static final byte[] LT = RespReply.ascii("LT");
    private static final byte[] CH = RespReply.ascii("CH");
    private static final byte[] INCR = RespReply.ascii("INCR");
    private static final byte[] WITHSCORES = RespReply.ascii("WITHSCORES");
    private static final byte[] WITHSCORE = RespReply.ascii("WITHSCORE");
    private static final byte[] LIMIT = RespReply.ascii("LIMIT");
    private static final byte[] REV = RespReply.ascii("REV");
    private static final byte[] BYLEX = RespReply.ascii("BYLEX");
    private static final byte[] BYSCORE = RespReply.ascii("BYSCORE");
    private static final byte[] MIN = RespReply.ascii("MIN");
    private static final byte[] MAX = RespReply.ascii("MAX");
    private static final byte[] COUNT = RespReply.ascii("COUNT");
    private static final byte[] WEIGHTS = RespReply.ascii("WEIGHTS");
    private static final byte[] AGGREGATE = RespReply.ascii("AGGREGATE");
    private static final byte[] SUM = RespReply.ascii("SUM");

    static final int RANK = 0;
    static final int SCORE = 1;
    static final int LEX = 2;
    static final int AUTO = 3;
    static final int OP_UNION = 0;
    static final int OP_INTER = 1;
    static final int OP_DIFF = 2;

    private ZSetCommands() {
    }

    public static List<CommandSpec> specs() {
        return List.of(
                command("zadd", -4, ctx -> zadd(ctx, 0)).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl(SORTEDSET).group(GROUP)
                        .doc("1.2.0", "Adds one or more members to a sorted set, or updates their scores. Creates the key if it doesn't exist.", "O(log(N)) for each item added, where N is the number of elements in the sorted set.").build(),
                command("zincrby", 4, ctx -> zadd(ctx, ZSetValue.IN_INCR)).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).acl(SORTEDSET).group(GROUP)
                        .doc("1.2.0", "Increments the score of a member in a sorted set.", "O(log(N)) where N is the number of elements in the sorted set.").build(),
                command("zrem", -3, ZSetCommands::zrem).flags(WRITE, FAST).keys(1, 1, 1).acl(SORTEDSET).group(GROUP)
                        .doc("1.2.0", "Removes one or more members from a sorted set. Deletes the sorted set if all members were removed.", "O(M*log(N)) with N being the number of elements in the sorted set and M the number of elements to be removed.").build(),
                command("zcard", 2, ZSetCommands::zcard).flags(READONLY, FAST).keys(1, 1, 1).acl(SORTEDSET).group(GROUP)
                        .doc("1.2.0", "Returns the number of members in a sorted set.", "O(1)").build(),
                command("zscore", 3, ZSetCommands::zscore).flags(READONLY, FAST).keys(1, 1, 1).acl(SORTEDSET).group(GROUP)
                        .doc("1.2.0", "Returns the score of a member in a sorted set.", "O(1)").build(),
                command("zmscore", -3, ZSetCommands::zmscore).flags(READONLY, FAST).keys(1, 1, 1).acl(SORTEDSET).group(GROUP)
                        .doc("6.2.0", "Returns the score of one or more members in a sorted set.", "O(N) where N is the number of members being requested.").build(),
                command("zrank", -3, ctx -> zrank(ctx, false)).flags(READONLY, FAST).keys(1, 1, 1).acl(SORTEDSET).group(GROUP)
                        .doc("2.0.0", "Returns the index of a member in a sorted set ordered by ascending scores.", "O(log(N))").build(),
                command("zrevrank", -3, ctx -> zrank(ctx, true)).flags(READONLY, FAST).keys(1, 1, 1).acl(SORTEDSET).group(GROUP)
                        .doc("2.0.0", "Returns the index of a member in a sorted set ordered by descending scores.", "O(log(N))").build(),
                command("zcount", 4, ZSetCommands::zcount).flags(READONLY, FAST).keys(1, 1, 1).acl(SORTEDSET).group(GROUP)
                        .doc("2.0.0", "Returns the count of members in a sorted set that have scores within a range.", "O(log(N)) with N being the number of elements in the sorted set.").build(),
                command("zlexcount", 4, ZSetCommands::zlexcount).flags(READONLY, FAST).keys(1, 1, 1).acl(SORTEDSET).group(GROUP)
                        .doc("2.8.9", "Returns the number of members in a sorted set within a lexicographical range.", "O(log(N)) with N being the number of elements in the sorted set.").build(),
                command("zrange", -4, ctx -> zrange(ctx, 1, -1, AUTO, false)).flags(READONLY).keys(1, 1, 1).acl(SORTEDSET).group(GROUP)
                        .doc("1.2.0", "Returns members in a sorted set within a range of indexes.", "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.").build(),
                command("zrangestore", -5, ctx -> zrange(ctx, 2, 1, AUTO, false)).flags(WRITE, DENYOOM).keys(1, 2, 1).acl(SORTEDSET).group(GROUP)
                        .doc("6.2.0", "Stores a range of members from sorted set in a key.", "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements stored into the destination key.").build(),
                command("zrevrange", -4, ctx -> zrange(ctx, 1, -1, RANK, true)).flags(READONLY).keys(1, 1, 1).acl(SORTEDSET).group(GROUP)
                        .doc("1.2.0", "Returns members in a sorted set within a range of indexes in reverse order.", "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.").build(),
                command("zrangebyscore", -4, ctx -> zrange(ctx, 1, -1, SCORE, false)).flags(READONLY).keys(1, 1, 1).acl(SORTEDSET).group(GROUP)
                        .doc("1.0.5", "Returns members in a sorted set within a range of scores.", "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned.").build(),
                command("zrevrangebyscore", -4, ctx -> zrange(ctx, 1, -1, SCORE, true)).flags(READONLY).keys(1, 1, 1).acl(SORTEDSET).group(GROUP)
                        .doc("2.2.0", "Returns members in a sorted set within a range of scores in reverse order.", "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned.").build(),
                command("zrangebylex", -4, ctx -> zrange(ctx, 1, -1, LEX, false)).flags(READONLY).keys(1, 1, 1).acl(SORTEDSET).group(GROUP)
                        .doc("2.8.9", "Returns members in a sorted set within a lexicographical range.", "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned.").build(),
                command("zrevrangebylex", -4, ctx -> zrange(ctx, 1, -1, LEX, true)).flags(READONLY).keys(1, 1, 1).acl(SORTEDSET).group(GROUP)
                        .doc("2.8.9", "Returns members in a sorted set within a lexicographical range in reverse order.", "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned.").build(),
                command("zremrangebyrank", 4, ctx -> zremrange(ctx, RANK)).flags(WRITE).keys(1, 1, 1).acl(SORTEDSET).group(GROUP)
                        .doc("2.0.0", "Removes members in a sorted set within a range of indexes. Deletes the sorted set if all members were removed.", "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.").build(),
                command("zremrangebyscore", 4, ctx -> zremrange(ctx, SCORE)).flags(WRITE).keys(1, 1, 1).acl(SORTEDSET).group(GROUP)
                        .doc("1.2.0", "Removes members in a sorted set within a range of scores. Deletes the sorted set if all members were removed.", "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.").build(),
                command("zremrangebylex", 4, ctx -> zremrange(ctx, LEX)).flags(WRITE).keys(1, 1, 1).acl(SORTEDSET).group(GROUP)
                        .doc("2.8.9", "Removes members in a sorted set within a lexicographical range. Deletes the sorted set if all members were removed.", "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.").build(),
                command("zpopmin", -2, ctx -> zpop(ctx, false)).flags(WRITE, FAST).keys(1, 1, 1).acl(SORTEDSET).group(GROUP)
                        .doc("5.0.0", "Returns the lowest-scoring members from a sorted set after removing them. Deletes the sorted set if the last member was popped.", "O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.").build(),
                command("zpopmax", -2, ctx -> zpop(ctx, true)).flags(WRITE, FAST).keys(1, 1, 1).acl(SORTEDSET).group(GROUP)
                        .doc("5.0.0", "Returns the highest-scoring members from a sorted set after removing them. Deletes the sorted set if the last member was popped.", "O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.").build(),
                command("bzpopmin", -3, ctx -> bzpop(ctx, false)).flags(WRITE, NOSCRIPT, FAST, BLOCKING).keys(1, -2, 1).acl(SORTEDSET).group(GROUP)
                        .doc("5.0.0", "Removes and returns the member with the lowest score from one or more sorted sets. Blocks until a member is available otherwise. Deletes the sorted set if the last element was popped.", "O(log(N)) with N being the number of elements in the sorted set.").build(),
                command("bzpopmax", -3, ctx -> bzpop(ctx, true)).flags(WRITE, NOSCRIPT, FAST, BLOCKING).keys(1, -2, 1).acl(SORTEDSET).group(GROUP)
                        .doc("5.0.0", "Removes and returns the member with the highest score from one or more sorted sets. Blocks until a member available otherwise.  Deletes the sorted set if the last element was popped.", "O(log(N)) with N being the number of elements in the sorted set.").build(),
                command("zmpop", -4, ctx -> zmpop(ctx, 1, false)).flags(WRITE, MOVABLEKEYS).keys(0, 0, 0).acl(SORTEDSET).group(GROUP)
                        .doc("7.0.0", "Returns the highest- or lowest-scoring members from one or more sorted sets after removing them. Deletes the sorted set if the last member was popped.", "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.").build(),
                command("bzmpop", -5, ctx -> zmpop(ctx, 2, true)).flags(WRITE, BLOCKING, MOVABLEKEYS).keys(0, 0, 0).acl(SORTEDSET).group(GROUP)
                        .doc("7.0.0", "Removes and returns a member by score from one or more sorted sets. Blocks until a member is available otherwise. Deletes the sorted set if the last element was popped.", "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.").build(),
                command("zrandmember", -2, ZSetCommands::zrandmember).flags(READONLY).keys(1, 1, 1).acl(SORTEDSET).group(GROUP)
                        .doc("6.2.0", "Returns one or more random members from a sorted set.", "O(N) where N is the number of members returned").build(),
                command("zunion", -3, ctx -> zsetop(ctx, -1, 1, OP_UNION, false)).flags(READONLY, MOVABLEKEYS).keys(0, 0, 0).acl(SORTEDSET).group(GROUP)
                        .doc("6.2.0", "Returns the union of multiple sorted sets.", "O(N)+O(M*log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.").build(),
                command("zinter", -3, ctx -> zsetop(ctx, -1, 1, OP_INTER, false)).flags(READONLY, MOVABLEKEYS).keys(0, 0, 0).acl(SORTEDSET).group(GROUP)
                        .doc("6.2.0", "Returns the intersect of multiple sorted sets.", "O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.").build(),
                command("zdiff", -3, ctx -> zsetop(ctx, -1, 1, OP_DIFF, false)).flags(READONLY, MOVABLEKEYS).keys(0, 0, 0).acl(SORTEDSET).group(GROUP)
                        .doc("6.2.0", "Returns the difference between multiple sorted sets.", "O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.").build(),
                command("zunionstore", -4, ctx -> zsetop(ctx, 1, 2, OP_UNION, false)).flags(WRITE, DENYOOM, MOVABLEKEYS).keys(1, 1, 1).acl(SORTEDSET).group(GROUP)
                        .doc("2.0.0", "Stores the union of multiple sorted sets in a key.", "O(N)+O(M log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.").build(),
                command("zinterstore", -4, ctx -> zsetop(ctx, 1, 2, OP_INTER, false)).flags(WRITE, DENYOOM, MOVABLEKEYS).keys(1, 1, 1).acl(SORTEDSET).group(GROUP)
                        .doc("2.0.0", "Stores the intersect of multiple sorted sets in a key.", "O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.").build(),
                command("zdiffstore", -4, ctx -> zsetop(ctx, 1, 2, OP_DIFF, false)).flags(WRITE, DENYOOM, MOVABLEKEYS).keys(1, 1, 1).acl(SORTEDSET).group(GROUP)
                        .doc("6.2.0", "Stores the difference of multiple sorted sets in a key.", "O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.").build(),
                command("zintercard", -3, ctx -> zsetop(ctx, -1, 1, OP_INTER, true)).flags(READONLY, MOVABLEKEYS).keys(0, 0, 0).acl(SORTEDSET).group(GROUP)
                        .doc("7.0.0", "Returns the number of members of the intersect of multiple sorted sets.", "O(N*K) worst case with N being the smallest input sorted set, K being the number of input sorted sets.").build(),
                command("zscan", -3, ZSetCommands::zscan).flags(READONLY).keys(1, 1, 1).acl(SORTEDSET).group(GROUP)
                        .doc("2.8.0", "Iterates over members and scores of a sorted set.", "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.").build());
    }

    private static DataConfig cfg(CommandContext ctx) {
        return ctx.server().keyspace().config();
    }

    private static boolean resp3(CommandContext ctx) {
        return ctx.session().resp() > 2;
    }

    /** ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member … and ZINCRBY (zaddGenericCommand). */
    static void zadd(CommandContext ctx, int baseFlags) {
        RespRequest a = ctx.args();
        int flags = baseFlags;
        boolean ch = false;
        int scoreIdx = 2;
        while (scoreIdx < a.argc() && baseFlags == 0) {
            if (a.is(scoreIdx, NX)) {
                flags |= ZSetValue.IN_NX;
            } else if (a.is(scoreIdx, XX)) {
                flags |= ZSetValue.IN_XX;
            } else if (a.is(scoreIdx, CH)) {
                ch = true;
            } else if (a.is(scoreIdx, INCR)) {
                flags |= ZSetValue.IN_INCR;
            } else if (a.is(scoreIdx, GT)) {
                flags |= ZSetValue.IN_GT;
            } else if (a.is(scoreIdx, LT)) {
                flags |= ZSetValue.IN_LT;
            } else {
                break;
            }
            scoreIdx++;
        }
        int elements = a.argc() - scoreIdx;
        if (elements % 2 != 0 || elements == 0) {
            ctx.reply().raw(RespReply.ERR_SYNTAX);
            return;
        }
        elements /= 2;
        boolean nx = (flags & ZSetValue.IN_NX) != 0;
        boolean xx = (flags & ZSetValue.IN_XX) != 0;
        boolean gt = (flags & ZSetValue.IN_GT) != 0;
        boolean lt = (flags & ZSetValue.IN_LT) != 0;
        boolean incr = (flags & ZSetValue.IN_INCR) != 0;
        if (nx && xx) {
            ctx.reply().error("XX and NX options at the same time are not compatible");
            return;
        }
        if ((gt && nx) || (lt && nx) || (gt && lt)) {
            ctx.reply().error("GT, LT, and/or NX options at the same time are not compatible");
            return;
        }
        if (incr && elements > 1) {
            ctx.reply().error("INCR option supports a single increment-element pair");
            return;
        }
        double[] scores = new double[elements];
        int maxLen = 0;
        for (int j = 0; j < elements; j++) {
            scores[j] = Doubles.parse(a.buf(), a.offset(scoreIdx + 2 * j), a.length(scoreIdx + 2 * j));
            if (Double.isNaN(scores[j])) {
                ctx.reply().raw(StringCommands.ERR_NOT_FLOAT);
                return;
            }
            maxLen = Math.max(maxLen, a.length(scoreIdx + 2 * j + 1));
        }
        Database db = ctx.db();
        int slot = Lookup.write(ctx, db, 1, ZSetValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        long added = 0;
        long updated = 0;
        long processed = 0;
        double score = 0;
        ZSetValue z = null;
        if (slot >= 0) {
            z = (ZSetValue) db.value(slot);
        } else if (!xx) {
            z = new ZSetValue(elements, maxLen, cfg(ctx));
            db.insertAfterMiss(a.buf(), a.offset(1), a.length(1), z);
        }
        String error = null;
        if (z != null) {
            double[] out = new double[1];
            for (int j = 0; j < elements; j++) {
                int r = z.add(scores[j], a.bytes(scoreIdx + 2 * j + 1), flags, out, cfg(ctx));
                if (r == ZSetValue.OUT_NAN) {
                    error = "resulting score is not a number (NaN)";
                    break;
                }
                if ((r & ZSetValue.OUT_ADDED) != 0) {
                    added++;
                }
                if ((r & ZSetValue.OUT_UPDATED) != 0) {
                    updated++;
                }
                if ((r & ZSetValue.OUT_NOP) == 0) {
                    processed++;
                }
                score = out[0];
            }
            if (z.size() == 0) {
                db.deleteSlot(db.lookupNoTouch(z.key()));
            } else {
                db.recharge(z);
            }
        }
        if (error != null) {
            ctx.reply().error(error);
        } else if (incr) {
            if (processed > 0) {
                ctx.reply().doubleValue(score);
            } else {
                ctx.reply().nullBulk();
            }
        } else {
            ctx.reply().integer(ch ? added + updated : added);
        }
        if (added + updated > 0) {
            KeyEvents.written(ctx, KeyspaceNotifier.ZSET, incr ? "zincr" : "zadd", 1);
        }
    }

    static void zrem(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = Lookup.write(ctx, db, 1, ZSetValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        if (slot < 0) {
            ctx.reply().raw(RespReply.ZERO);
            return;
        }
        ZSetValue z = (ZSetValue) db.value(slot);
        long deleted = 0;
        for (int i = 2; i < a.argc(); i++) {
            if (z.remove(a.buf(), a.offset(i), a.length(i))) {
                deleted++;
                if (z.size() == 0) {
                    break;
                }
            }
        }
        if (deleted > 0) {
            KeyEvents.written(ctx, KeyspaceNotifier.ZSET, "zrem", 1);
            Lookup.deleteIfEmpty(ctx, db, slot, z, 1);
        }
        ctx.reply().integer(deleted);
    }

    static void zcard(CommandContext ctx) {
        Database db = ctx.db();
        int slot = Lookup.read(ctx, db, 1, ZSetValue.class);
        if (slot != Lookup.WRONG) {
            ctx.reply().integer(slot < 0 ? 0 : ((ZSetValue) db.value(slot)).size());
        }
    }

    static void zscore(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = Lookup.read(ctx, db, 1, ZSetValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        double s = slot < 0 ? Double.NaN : ((ZSetValue) db.value(slot)).score(a.buf(), a.offset(2), a.length(2));
        if (Double.isNaN(s)) {
            ctx.reply().nullBulk();
        } else {
            ctx.reply().doubleValue(s);
        }
    }

    static void zmscore(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = Lookup.read(ctx, db, 1, ZSetValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        ZSetValue z = slot < 0 ? null : (ZSetValue) db.value(slot);
        ctx.reply().arrayHeader(a.argc() - 2);
        for (int i = 2; i < a.argc(); i++) {
            double s = z == null ? Double.NaN : z.score(a.buf(), a.offset(i), a.length(i));
            if (Double.isNaN(s)) {
                ctx.reply().nullBulk();
            } else {
                ctx.reply().doubleValue(s);
            }
        }
    }

    static void zrank(CommandContext ctx, boolean reverse) {
        RespRequest a = ctx.args();
        if (a.argc() > 4) {
            ctx.wrongArity();
            return;
        }
        boolean withScore = false;
        if (a.argc() == 4) {
            if (!a.is(3, WITHSCORE)) {
                ctx.reply().raw(RespReply.ERR_SYNTAX);
                return;
            }
            withScore = true;
        }
        Database db = ctx.db();
        int slot = Lookup.read(ctx, db, 1, ZSetValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        long rank = slot < 0 ? -1 : ((ZSetValue) db.value(slot)).rank(a.buf(), a.offset(2), a.length(2), reverse);
        if (rank < 0) {
            if (withScore) {
                ctx.reply().nullArray();
            } else {
                ctx.reply().nullBulk();
            }
            return;
        }
        if (withScore) {
            ctx.reply().arrayHeader(2);
            ctx.reply().integer(rank);
            ctx.reply().doubleValue(((ZSetValue) db.value(slot)).score(a.buf(), a.offset(2), a.length(2)));
        } else {
            ctx.reply().integer(rank);
        }
    }

    /** zslParseRange: "(" for exclusive, "-inf"/"+inf"; null when either bound is not a float. */
    static ScoreRange parseScoreRange(CommandContext ctx, int minArg, int maxArg) {
        String min = ctx.args().string(minArg);
        String max = ctx.args().string(maxArg);
        boolean minex = min.startsWith("(");
        boolean maxex = max.startsWith("(");
        double lo = Doubles.parseLenient(minex ? min.substring(1) : min);
        double hi = Doubles.parseLenient(maxex ? max.substring(1) : max);
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            return null;
        }
        return new ScoreRange(lo, hi, minex, maxex);
    }

    /** zslParseLexRange: "-", "+", "(x", "[x"; null when invalid. */
    static LexRange parseLexRange(CommandContext ctx, int minArg, int maxArg) {
        byte[] min = ctx.args().bytes(minArg);
        byte[] max = ctx.args().bytes(maxArg);
        Object[] lo = lexItem(min);
        Object[] hi = lexItem(max);
        if (lo == null || hi == null) {
            return null;
        }
        return new LexRange((byte[]) lo[0], (byte[]) hi[0], (Boolean) lo[1], (Boolean) hi[1]);
    }

    private static Object[] lexItem(byte[] c) {
        if (c.length == 0) {
            return null;
        }
        return switch (c[0]) {
            case '+' -> c.length == 1 ? new Object[] {ZSetValue.MAX_STRING, true} : null;
            case '-' -> c.length == 1 ? new Object[] {ZSetValue.MIN_STRING, true} : null;
            case '(' -> new Object[] {Arrays.copyOfRange(c, 1, c.length), true};
            case '[' -> new Object[] {Arrays.copyOfRange(c, 1, c.length), false};
            default -> null;
        };
    }

    static void zcount(CommandContext ctx) {
        ScoreRange r = parseScoreRange(ctx, 2, 3);
        if (r == null) {
            ctx.reply().error("min or max is not a float");
            return;
        }
        Database db = ctx.db();
        int slot = Lookup.read(ctx, db, 1, ZSetValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        if (slot < 0) {
            ctx.reply().raw(RespReply.ZERO);
            return;
        }
        ZSetValue z = (ZSetValue) db.value(slot);
        Node first = z.firstInRange(r);
        if (first == null) {
            ctx.reply().raw(RespReply.ZERO);
            return;
        }
        Node last = z.lastInRange(r);
        ctx.reply().integer(z.rankOf(last) - z.rankOf(first) + 1);
    }

    static void zlexcount(CommandContext ctx) {
        LexRange r = parseLexRange(ctx, 2, 3);
        if (r == null) {
            ctx.reply().error("min or max not valid string range item");
            return;
        }
        Database db = ctx.db();
        int slot = Lookup.read(ctx, db, 1, ZSetValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        if (slot < 0) {
            ctx.reply().raw(RespReply.ZERO);
            return;
        }
        ZSetValue z = (ZSetValue) db.value(slot);
        Node first = z.firstInLex(r);
        if (first == null) {
            ctx.reply().raw(RespReply.ZERO);
            return;
        }
        Node last = z.lastInLex(r);
        ctx.reply().integer(z.rankOf(last) - z.rankOf(first) + 1);
    }

    /**
     * zrangeGenericCommand: the source key at {@code srcArg}, min and max after it, then options;
     * {@code dstArg} >= 0 for ZRANGESTORE. {@code type} AUTO lets BYSCORE/BYLEX/REV choose.
     */
    static void zrange(CommandContext ctx, int srcArg, int dstArg, int type, boolean reverse) {
        RespRequest a = ctx.args();
        boolean store = dstArg >= 0;
        boolean directionFixed = type != AUTO;
        boolean withScores = false;
        long offset = 0;
        long limit = -1;
        boolean rev = reverse;
        for (int j = srcArg + 3; j < a.argc(); j++) {
            int left = a.argc() - j - 1;
            if (!store && a.is(j, WITHSCORES)) {
                withScores = true;
            } else if (a.is(j, LIMIT) && left >= 2) {
                if (!ctx.longArg(j + 1)) {
                    return;
                }
                offset = ctx.number.value;
                if (!ctx.longArg(j + 2)) {
                    return;
                }
                limit = ctx.number.value;
                j += 2;
            } else if (!directionFixed && a.is(j, REV)) {
                rev = true;
            } else if (type == AUTO && a.is(j, BYLEX)) {
                type = LEX;
            } else if (type == AUTO && a.is(j, BYSCORE)) {
                type = SCORE;
            } else {
                ctx.reply().raw(RespReply.ERR_SYNTAX);
                return;
            }
        }
        if (type == AUTO) {
            type = RANK;
        }
        if (limit != -1 && type == RANK) {
            ctx.reply().error("syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
            return;
        }
        if (withScores && type == LEX) {
            ctx.reply().error("syntax error, WITHSCORES not supported in combination with BYLEX");
            return;
        }
        int minIdx = srcArg + 1;
        int maxIdx = srcArg + 2;
        if (rev && (type == SCORE || type == LEX)) {
            int t = minIdx;
            minIdx = maxIdx;
            maxIdx = t;
        }
        long start = 0;
        long end = 0;
        ScoreRange sr = null;
        LexRange lr = null;
        switch (type) {
            case RANK -> {
                if (!ctx.longArg(minIdx)) {
                    return;
                }
                start = ctx.number.value;
                if (!ctx.longArg(maxIdx)) {
                    return;
                }
                end = ctx.number.value;
            }
            case SCORE -> {
                sr = parseScoreRange(ctx, minIdx, maxIdx);
                if (sr == null) {
                    ctx.reply().error("min or max is not a float");
                    return;
                }
            }
            default -> {
                lr = parseLexRange(ctx, minIdx, maxIdx);
                if (lr == null) {
                    ctx.reply().error("min or max not valid string range item");
                    return;
                }
            }
        }
        Database db = ctx.db();
        int slot = db.lookupRead(a.buf(), a.offset(srcArg), a.length(srcArg));
        List<Node> result = new ArrayList<>();
        if (slot >= 0) {
            if (!(db.value(slot) instanceof ZSetValue z)) {
                ctx.reply().raw(RespReply.ERR_WRONG_TYPE);
                return;
            }
            collect(z, type, rev, start, end, sr, lr, offset, limit, result);
        } else if (!store) {
            ctx.reply().raw(RespReply.EMPTY_ARRAY);
            return;
        }
        if (store) {
            ZSetValue out = new ZSetValue(result.size(), 0, cfg(ctx));
            for (Node n : result) {
                out.add(n.score(), n.ele().clone(), 0, null, cfg(ctx));
            }
            storeResult(ctx, dstArg, out, "zrangestore");
            return;
        }
        replyNodes(ctx, result, withScores);
    }

    private static void collect(ZSetValue z, int type, boolean rev, long start, long end, ScoreRange sr, LexRange lr,
                                long offset, long limit, List<Node> out) {
        long len = z.size();
        if (type == RANK) {
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
                return;
            }
            if (end >= len) {
                end = len - 1;
            }
            long n = end - start + 1;
            Node x = rev ? z.byRank(len - 1 - start) : z.byRank(start);
            while (n-- > 0 && x != null) {
                out.add(x);
                x = rev ? x.prev() : x.next();
            }
            return;
        }
        if (offset > 0 && offset >= len) {
            return;
        }
        Node x;
        if (type == SCORE) {
            x = rev ? z.lastInRange(sr) : z.firstInRange(sr);
        } else {
            x = rev ? z.lastInLex(lr) : z.firstInLex(lr);
        }
        if (offset < 0) {
            return; // Redis walks forever past the end: nothing
        }
        while (x != null && offset-- > 0) {
            x = rev ? x.prev() : x.next();
        }
        while (x != null && limit-- != 0) {
            if (type == SCORE) {
                if (rev ? !sr.gteMin(x.score()) : !sr.lteMax(x.score())) {
                    break;
                }
            } else if (rev ? !lr.gteMin(x.ele()) : !lr.lteMax(x.ele())) {
                break;
            }
            out.add(x);
            x = rev ? x.prev() : x.next();
        }
    }

    private static void replyNodes(CommandContext ctx, List<Node> nodes, boolean withScores) {
        RespReply r = ctx.reply();
        boolean nested = withScores && resp3(ctx);
        r.arrayHeader(withScores && !nested ? nodes.size() * 2 : nodes.size());
        for (Node n : nodes) {
            if (nested) {
                r.arrayHeader(2);
            }
            r.bulk(n.ele());
            if (withScores) {
                r.doubleValue(n.score());
            }
        }
    }

    /** setKey of a result sorted set, or deletion of the destination when it is empty. */
    private static void storeResult(CommandContext ctx, int dstArg, ZSetValue out, String event) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int dst = db.lookupWrite(a.buf(), a.offset(dstArg), a.length(dstArg));
        if (out.size() > 0) {
            out.convertToListpackIfFits(cfg(ctx));
            if (dst >= 0) {
                db.clearExpire(dst);
                db.setValue(dst, out);
            } else {
                db.insertAfterMiss(a.buf(), a.offset(dstArg), a.length(dstArg), out);
            }
            ctx.reply().integer(out.size());
            KeyEvents.written(ctx, KeyspaceNotifier.ZSET, event, dstArg);
        } else {
            ctx.reply().raw(RespReply.ZERO);
            if (dst >= 0) {
                db.deleteSlot(dst);
                KeyEvents.written(ctx, KeyspaceNotifier.GENERIC, "del", dstArg);
            }
        }
    }

    static void zremrange(CommandContext ctx, int type) {
        long start = 0;
        long end = 0;
        ScoreRange sr = null;
        LexRange lr = null;
        if (type == RANK) {
            if (!ctx.longArg(2)) {
                return;
            }
            start = ctx.number.value;
            if (!ctx.longArg(3)) {
                return;
            }
            end = ctx.number.value;
        } else if (type == SCORE) {
            sr = parseScoreRange(ctx, 2, 3);
            if (sr == null) {
                ctx.reply().error("min or max is not a float");
                return;
            }
        } else {
            lr = parseLexRange(ctx, 2, 3);
            if (lr == null) {
                ctx.reply().error("min or max not valid string range item");
                return;
            }
        }
        Database db = ctx.db();
        int slot = Lookup.write(ctx, db, 1, ZSetValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        if (slot < 0) {
            ctx.reply().raw(RespReply.ZERO);
            return;
        }
        ZSetValue z = (ZSetValue) db.value(slot);
        List<Node> victims = new ArrayList<>();
        collect(z, type, false, start, end, sr, lr, 0, -1, victims);
        for (Node n : victims) {
            z.removeNode(n);
        }
        if (!victims.isEmpty()) {
            String[] events = {"zremrangebyrank", "zremrangebyscore", "zremrangebylex"};
            KeyEvents.written(ctx, KeyspaceNotifier.ZSET, events[type], 1);
            Lookup.deleteIfEmpty(ctx, db, slot, z, 1);
        }
        ctx.reply().integer(victims.size());
    }

    /**
     * genericZpopCommand over the keys in {@code keyArgs}: pops up to {@code count} (-1 = one) from the
     * first existing sorted set. Reply shapes follow {@code emitKey}/{@code nested} as in Redis.
     * Returns false when no key exists (nothing replied yet unless {@code replyWhenEmpty}).
     */
    private static boolean zpopFirst(CommandContext ctx, int[] keyArgs, boolean max, long count, boolean emitKey,
                                     boolean nested, boolean nilWhenEmpty, boolean replyWhenEmpty) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = -1;
        int keyArg = -1;
        for (int k : keyArgs) {
            slot = Lookup.write(ctx, db, k, ZSetValue.class);
            if (slot == Lookup.WRONG) {
                return true;
            }
            if (slot >= 0) {
                keyArg = k;
                break;
            }
        }
        RespReply r = ctx.reply();
        if (slot < 0) {
            if (replyWhenEmpty) {
                if (nilWhenEmpty) {
                    r.nullArray();
                } else {
                    r.raw(RespReply.EMPTY_ARRAY);
                }
            }
            return false;
        }
        if (count == 0) {
            r.raw(RespReply.EMPTY_ARRAY);
            return true;
        }
        if (count == -1) {
            count = 1;
        }
        ZSetValue z = (ZSetValue) db.value(slot);
        int n = (int) Math.min(count, z.size());
        if (!nested && !emitKey) {
            r.arrayHeader(n * 2);
        } else if (nested && !emitKey) {
            r.arrayHeader(n);
        } else if (!nested) {
            r.arrayHeader(n * 2 + 1);
            r.bulk(a.buf(), a.offset(keyArg), a.length(keyArg));
        } else {
            r.arrayHeader(2);
            r.bulk(a.buf(), a.offset(keyArg), a.length(keyArg));
            r.arrayHeader(n);
        }
        for (int i = 0; i < n; i++) {
            Node x = max ? z.last() : z.first();
            if (nested) {
                r.arrayHeader(2);
            }
            r.bulk(x.ele());
            r.doubleValue(x.score());
            z.removeNode(x);
        }
        KeyEvents.written(ctx, KeyspaceNotifier.ZSET, max ? "zpopmax" : "zpopmin", keyArg);
        Lookup.deleteIfEmpty(ctx, db, slot, z, keyArg);
        return true;
    }

    static void zpop(CommandContext ctx, boolean max) {
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
        zpopFirst(ctx, new int[] {1}, max, count, false, resp3(ctx) && count != -1, false, true);
    }

    static void bzpop(CommandContext ctx, boolean max) {
        RespRequest a = ctx.args();
        long deadline = Blocking.deadline(ctx, a.argc() - 1);
        if (deadline < 0) {
            return;
        }
        int[] keys = new int[a.argc() - 2];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i + 1;
        }
        blockingPop(ctx, keys, max, -1, false, deadline);
    }

    private static void blockingPop(CommandContext ctx, int[] keys, boolean max, long count, boolean nested, long deadline) {
        if (zpopFirst(ctx, keys, max, count, true, nested, true, false)) {
            return;
        }
        if (!Blocking.mayBlock(ctx)) {
            ctx.reply().nullArray();
            return;
        }
        ctx.server().blocking().block(ctx, keys, deadline, ZSetValue.class);
    }

    static void zmpop(CommandContext ctx, int numkeysArg, boolean block) {
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
        boolean max;
        if (a.is((int) whereIdx, MIN)) {
            max = false;
        } else if (a.is((int) whereIdx, MAX)) {
            max = true;
        } else {
            ctx.reply().raw(RespReply.ERR_SYNTAX);
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
            if (deadline >= 0) {
                blockingPop(ctx, keys, max, count, true, deadline);
            }
            return;
        }
        zpopFirst(ctx, keys, max, count, true, true, true, true);
    }

    static void zrandmember(CommandContext ctx) {
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
            boolean withScores = false;
            if (a.argc() > 4 || (a.argc() == 4 && !a.is(3, WITHSCORES))) {
                ctx.reply().raw(RespReply.ERR_SYNTAX);
                return;
            } else if (a.argc() == 4) {
                withScores = true;
                if (l < -Long.MAX_VALUE / 2 || l > Long.MAX_VALUE / 2) {
                    ctx.reply().error("value is out of range");
                    return;
                }
            }
            int slot = Lookup.read(ctx, db, 1, ZSetValue.class);
            if (slot == Lookup.WRONG) {
                return;
            }
            if (slot < 0 || l == 0) {
                ctx.reply().raw(RespReply.EMPTY_ARRAY);
                return;
            }
            ZSetValue z = (ZSetValue) db.value(slot);
            long count = Math.abs(l);
            List<Node> picked = new ArrayList<>();
            if (l < 0 || count == 1) {
                for (long i = 0; i < count; i++) {
                    picked.add(z.randomNode(random));
                }
            } else {
                List<Node> all = new ArrayList<>(z.size());
                for (Node x = z.first(); x != null; x = x.next()) {
                    all.add(x);
                }
                int n = (int) Math.min(count, all.size());
                if (n < all.size()) {
                    for (int i = 0; i < n; i++) {
                        java.util.Collections.swap(all, i, i + random.nextInt(all.size() - i));
                    }
                }
                picked = all.subList(0, n);
            }
            replyNodes(ctx, picked, withScores);
            return;
        }
        int slot = Lookup.read(ctx, db, 1, ZSetValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        if (slot < 0) {
            ctx.reply().nullBulk();
        } else {
            ctx.reply().bulk(((ZSetValue) db.value(slot)).randomNode(random).ele());
        }
    }

    /**
     * zunionInterDiffGenericCommand. {@code dstArg} is the store key or -1; the key count is at
     * {@code numkeysArg}; plain sets take part with score 1.
     */
    static void zsetop(CommandContext ctx, int dstArg, int numkeysArg, int op, boolean cardinalityOnly) {
        RespRequest a = ctx.args();
        if (!ctx.longArg(numkeysArg)) {
            return;
        }
        long setnum = ctx.number.value;
        if (setnum < 1) {
            ctx.reply().error("at least 1 input key is needed for '" + ctx.command().fullName() + "' command");
            return;
        }
        if (setnum > a.argc() - (numkeysArg + 1)) {
            ctx.reply().raw(RespReply.ERR_SYNTAX);
            return;
        }
        Database db = ctx.db();
        Object[] src = new Object[(int) setnum];
        double[] weights = new double[(int) setnum];
        int j = numkeysArg + 1;
        for (int i = 0; i < setnum; i++, j++) {
            int slot = db.lookupRead(a.buf(), a.offset(j), a.length(j));
            if (slot >= 0) {
                Object v = db.value(slot);
                if (!(v instanceof ZSetValue) && !(v instanceof SetValue)) {
                    ctx.reply().raw(RespReply.ERR_WRONG_TYPE);
                    return;
                }
                src[i] = v;
            }
            weights[i] = 1.0;
        }
        int aggregate = 0; // 0 sum, 1 min, 2 max
        boolean withScores = false;
        long limit = 0;
        int remaining = a.argc() - j;
        while (remaining > 0) {
            if (op != OP_DIFF && !cardinalityOnly && remaining >= setnum + 1 && a.is(j, WEIGHTS)) {
                j++;
                remaining--;
                for (int i = 0; i < setnum; i++, j++, remaining--) {
                    weights[i] = Doubles.parse(a.buf(), a.offset(j), a.length(j));
                    if (Double.isNaN(weights[i])) {
                        ctx.reply().error("weight value is not a float");
                        return;
                    }
                }
            } else if (op != OP_DIFF && !cardinalityOnly && remaining >= 2 && a.is(j, AGGREGATE)) {
                j++;
                if (a.is(j, SUM)) {
                    aggregate = 0;
                } else if (a.is(j, MIN)) {
                    aggregate = 1;
                } else if (a.is(j, MAX)) {
                    aggregate = 2;
                } else {
                    ctx.reply().raw(RespReply.ERR_SYNTAX);
                    return;
                }
                j++;
                remaining -= 2;
            } else if (remaining >= 1 && dstArg < 0 && !cardinalityOnly && a.is(j, WITHSCORES)) {
                j++;
                remaining--;
                withScores = true;
            } else if (cardinalityOnly && remaining >= 2 && a.is(j, LIMIT)) {
                j++;
                if (!a.parseLong(j, ctx.number) || ctx.number.value < 0) {
                    ctx.reply().error("LIMIT can't be negative");
                    return;
                }
                limit = ctx.number.value;
                j++;
                remaining -= 2;
            } else {
                ctx.reply().raw(RespReply.ERR_SYNTAX);
                return;
            }
        }
        Map<Bytes, double[]> acc = compute(src, weights, op, aggregate, cardinalityOnly, limit);
        if (cardinalityOnly) {
            ctx.reply().integer(acc.size());
            return;
        }
        ZSetValue out = new ZSetValue(Integer.MAX_VALUE, Integer.MAX_VALUE, cfg(ctx));
        for (Map.Entry<Bytes, double[]> e : acc.entrySet()) {
            out.add(e.getValue()[0], e.getKey().b, 0, null, cfg(ctx));
        }
        if (dstArg >= 0) {
            String[] events = {"zunionstore", "zinterstore", "zdiffstore"};
            storeResult(ctx, dstArg, out, events[op]);
            return;
        }
        List<Node> nodes = new ArrayList<>(out.size());
        for (Node x = out.first(); x != null; x = x.next()) {
            nodes.add(x);
        }
        replyNodes(ctx, nodes, withScores);
    }

    private record Bytes(byte[] b) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes x && Arrays.equals(x.b, b);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(b);
        }
    }

    /** Members with scores of one source (a sorted set, or a set with score 1). */
    private static List<Object[]> members(Object src) {
        List<Object[]> out = new ArrayList<>();
        if (src instanceof ZSetValue z) {
            for (Node x = z.first(); x != null; x = x.next()) {
                out.add(new Object[] {x.ele(), x.score()});
            }
        } else if (src instanceof SetValue s) {
            s.forEach(m -> out.add(new Object[] {m, 1.0}));
        }
        return out;
    }

    private static double scoreIn(Object src, byte[] m) {
        if (src instanceof ZSetValue z) {
            return z.score(m);
        }
        if (src instanceof SetValue s) {
            return s.contains(m) ? 1.0 : Double.NaN;
        }
        return Double.NaN;
    }

    private static double aggregate(double target, double val, int aggregate) {
        double r = switch (aggregate) {
            case 1 -> Math.min(target, val);
            case 2 -> Math.max(target, val);
            default -> target + val;
        };
        return Double.isNaN(r) ? 0.0 : r;
    }

    private static Map<Bytes, double[]> compute(Object[] src, double[] w, int op, int agg, boolean cardOnly, long limit) {
        Map<Bytes, double[]> acc = new LinkedHashMap<>();
        if (op == OP_INTER) {
            for (Object s : src) {
                if (s == null) {
                    return acc;
                }
            }
            Integer[] order = new Integer[src.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Integer.compare(size(src[x]), size(src[y])));
            int first = order[0];
            for (Object[] m : members(src[first])) {
                byte[] ele = (byte[]) m[0];
                double score = w[first] * (double) m[1];
                if (Double.isNaN(score)) {
                    score = 0;
                }
                boolean all = true;
                for (int k = 1; k < order.length && all; k++) {
                    int i = order[k];
                    double s = scoreIn(src[i], ele);
                    if (Double.isNaN(s)) {
                        all = false;
                    } else {
                        double v = w[i] * s;
                        if (Double.isNaN(v)) {
                            v = 0;
                        }
                        score = aggregate(score, v, agg);
                    }
                }
                if (all) {
                    acc.put(new Bytes(ele.clone()), new double[] {score});
                    if (cardOnly && limit > 0 && acc.size() >= limit) {
                        break;
                    }
                }
            }
        } else if (op == OP_UNION) {
            for (int i = 0; i < src.length; i++) {
                if (src[i] == null) {
                    continue;
                }
                for (Object[] m : members(src[i])) {
                    double v = w[i] * (double) m[1];
                    if (Double.isNaN(v)) {
                        v = 0;
                    }
                    Bytes k = new Bytes(((byte[]) m[0]).clone());
                    double[] cur = acc.get(k);
                    if (cur == null) {
                        acc.put(k, new double[] {v});
                    } else {
                        cur[0] = aggregate(cur[0], v, agg);
                    }
                }
            }
        } else if (src[0] != null) {
            for (Object[] m : members(src[0])) {
                byte[] ele = (byte[]) m[0];
                boolean elsewhere = false;
                for (int i = 1; i < src.length && !elsewhere; i++) {
                    elsewhere = src[i] != null && !Double.isNaN(scoreIn(src[i], ele));
                }
                if (!elsewhere) {
                    acc.put(new Bytes(ele.clone()), new double[] {(double) m[1]});
                }
            }
        }
        return acc;
    }

    private static int size(Object s) {
        return s instanceof ZSetValue z ? z.size() : ((SetValue) s).size();
    }

    static void zscan(CommandContext ctx) {
        long[] cursor = new long[1];
        if (!Lookup.scanCursor(ctx, 2, cursor)) {
            return;
        }
        Lookup.ScanOptions o = Lookup.scanOptions(ctx, 3, false);
        if (o == null) {
            return;
        }
        Database db = ctx.db();
        int slot = Lookup.read(ctx, db, 1, ZSetValue.class);
        if (slot == Lookup.WRONG) {
            return;
        }
        if (slot < 0) {
            Lookup.scanReplyHeader(ctx, 0, 0);
            return;
        }
        ZSetValue z = (ZSetValue) db.value(slot);
        List<Node> out = new ArrayList<>();
        IntList slots = new IntList();
        long c = cursor[0];
        long max = o.count * 10;
        do {
            c = z.scan(c, slots, n -> {
                if (o.matches(n.ele())) {
                    out.add(n);
                }
            });
        } while (c != 0 && max-- > 0 && out.size() < o.count);
        Lookup.scanReplyHeader(ctx, c, out.size() * 2);
        for (Node n : out) {
            ctx.reply().bulk(n.ele());
            ctx.reply().bulk(Doubles.format17g(n.score()));
        }
    }
}
