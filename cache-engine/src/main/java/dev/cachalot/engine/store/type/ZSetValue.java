package dev.cachalot.engine.store.type;

import dev.cachalot.engine.store.DataConfig;
import dev.cachalot.engine.store.Heap;
import dev.cachalot.engine.store.IntList;
import io.netty.buffer.ByteBuf;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A sorted set: Redis's skiplist (t_zset.c: spans for ranks, backward links) plus a {@link BytesMap}
 * from member to node. OBJECT ENCODING says "listpack" while the set has stayed within
 * zset-max-listpack-entries members of at most zset-max-listpack-value bytes, then "skiplist" for
 * good (store commands may start a result small again), as in Redis.
 */
public final class ZSetValue extends KeyedValue {

    static final int MAX_LEVEL = 32;
    static final double P = 0.25;

    /** zsetAdd input flags */
    public static final int IN_INCR = 1;
    public static final int IN_NX = 2;
    public static final int IN_XX = 4;
    public static final int IN_GT = 8;
    public static final int IN_LT = 16;
    /** zsetAdd output */
    public static final int OUT_NAN = 1;
    public static final int OUT_ADDED = 2;
    public static final int OUT_UPDATED = 4;
    public static final int OUT_NOP = 8;

    /** A skiplist node. */
    public static final class Node {
        final byte[] ele;
        double score;
        Node backward;
        final Node[] forward;
        final long[] span;

        Node(int level, double score, byte[] ele) {
            this.ele = ele;
            this.score = score;
            this.forward = new Node[level];
            this.span = new long[level];
        }

        public byte[] ele() {
            return ele;
        }

        public double score() {
            return score;
        }

        /** The next node in ascending order, or null. */
        public Node next() {
            return forward[0];
        }

        /** The previous node, or null. */
        public Node prev() {
            return backward;
        }
    }

    private final Node header = new Node(MAX_LEVEL, 0, null);
    private Node tail;
    private int length;
    private int level = 1;
    private final BytesMap dict = new BytesMap();
    private boolean listpack;
    private long nodeBytes;

    /** zsetTypeCreate: listpack when the expected size and longest member fit the thresholds. */
    public ZSetValue(int sizeHint, int maxMemberLen, DataConfig cfg) {
        this.listpack = sizeHint <= cfg.zsetMaxListpackEntries && maxMemberLen <= cfg.zsetMaxListpackValue;
    }

    @Override
    public String typeName() {
        return "zset";
    }

    @Override
    public String encoding() {
        return listpack ? "listpack" : "skiplist";
    }

    public boolean isListpack() {
        return listpack;
    }

    /** zsetConvertToListpackIfNeeded, for the results of store commands. */
    public void convertToListpackIfFits(DataConfig cfg) {
        if (listpack || length > cfg.zsetMaxListpackEntries) {
            return;
        }
        for (Node x = header.forward[0]; x != null; x = x.forward[0]) {
            if (x.ele.length > cfg.zsetMaxListpackValue) {
                return;
            }
        }
        listpack = true;
    }

    @Override
    public int size() {
        return length;
    }

    @Override
    public long memory() {
        return Heap.object(40) + dict.memory() + nodeBytes;
    }

    private static long nodeMemory(int level) {
        return Heap.object(4 * 4 + 8) + Heap.refArray(level) + Heap.longArray(level);
    }

    @Override
    public ZSetValue copy() {
        ZSetValue c = new ZSetValue(0, 0, new DataConfig());
        c.listpack = listpack;
        for (Node x = header.forward[0]; x != null; x = x.forward[0]) {
            c.insertNew(x.score, x.ele.clone());
        }
        return c;
    }

    public Node first() {
        return header.forward[0];
    }

    public Node last() {
        return tail;
    }

    // ------------------------------------------------------------------------------ member access

    /** Score of a member, or NaN when absent (scores are never NaN). */
    public double score(ByteBuf buf, int off, int len) {
        int s = dict.find(buf, off, len);
        return s < 0 ? Double.NaN : ((Node) dict.valAt(s)).score;
    }

    public double score(byte[] ele) {
        int s = dict.find(ele);
        return s < 0 ? Double.NaN : ((Node) dict.valAt(s)).score;
    }

    /**
     * zsetAdd: adds or updates a member under the IN_* flags; writes the resulting score to
     * {@code newScore[0]} and returns OUT_* flags.
     */
    public int add(double score, byte[] ele, int in, double[] newScore, DataConfig cfg) {
        boolean incr = (in & IN_INCR) != 0;
        boolean nx = (in & IN_NX) != 0;
        boolean xx = (in & IN_XX) != 0;
        boolean gt = (in & IN_GT) != 0;
        boolean lt = (in & IN_LT) != 0;
        int s = dict.find(ele);
        if (s >= 0) {
            if (nx) {
                return OUT_NOP;
            }
            Node node = (Node) dict.valAt(s);
            double cur = node.score;
            if (incr) {
                score += cur;
                if (Double.isNaN(score)) {
                    return OUT_NAN;
                }
            }
            if ((lt && score >= cur) || (gt && score <= cur)) {
                if (newScore != null) {
                    newScore[0] = cur;
                }
                return OUT_NOP;
            }
            if (newScore != null) {
                newScore[0] = score;
            }
            if (score != cur) {
                updateScore(node, score);
                return OUT_UPDATED;
            }
            return 0;
        }
        if (xx) {
            return OUT_NOP;
        }
        if (listpack && (length + 1 > cfg.zsetMaxListpackEntries || ele.length > cfg.zsetMaxListpackValue)) {
            listpack = false;
        }
        insertNew(score, ele);
        if (newScore != null) {
            newScore[0] = score;
        }
        return OUT_ADDED;
    }

    private void insertNew(double score, byte[] ele) {
        Node x = zslInsert(score, ele);
        dict.put(ele, x);
    }

    public boolean remove(byte[] ele) {
        int s = dict.find(ele);
        if (s < 0) {
            return false;
        }
        Node node = (Node) dict.valAt(s);
        dict.removeSlot(s);
        zslDelete(node.score, node.ele);
        return true;
    }

    public boolean remove(ByteBuf buf, int off, int len) {
        int s = dict.find(buf, off, len);
        if (s < 0) {
            return false;
        }
        Node node = (Node) dict.valAt(s);
        dict.removeSlot(s);
        zslDelete(node.score, node.ele);
        return true;
    }

    /** 0-based rank of a member (ascending, or descending when {@code reverse}), -1 when absent. */
    public long rank(ByteBuf buf, int off, int len, boolean reverse) {
        int s = dict.find(buf, off, len);
        if (s < 0) {
            return -1;
        }
        Node node = (Node) dict.valAt(s);
        long r = zslGetRank(node.score, node.ele);
        return reverse ? length - r : r - 1;
    }

    // ------------------------------------------------------------------------------ skiplist

    private int randomLevel() {
        int lvl = 1;
        SplittableRandom r = RANDOM.get();
        while (lvl < MAX_LEVEL && r.nextInt(0xFFFF) < P * 0xFFFF) {
            lvl++;
        }
        return lvl;
    }

    private static final ThreadLocal<SplittableRandom> RANDOM = ThreadLocal.withInitial(SplittableRandom::new);

    static int cmp(double s1, byte[] e1, double s2, byte[] e2) {
        if (s1 != s2) {
            return s1 < s2 ? -1 : 1;
        }
        return Arrays.compareUnsigned(e1, e2);
    }

    private Node zslInsert(double score, byte[] ele) {
        Node[] update = new Node[MAX_LEVEL];
        long[] rank = new long[MAX_LEVEL];
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            rank[i] = i == level - 1 ? 0 : rank[i + 1];
            while (x.forward[i] != null && cmp(x.forward[i].score, x.forward[i].ele, score, ele) < 0) {
                rank[i] += x.span[i];
                x = x.forward[i];
            }
            update[i] = x;
        }
        int lvl = randomLevel();
        if (lvl > level) {
            for (int i = level; i < lvl; i++) {
                rank[i] = 0;
                update[i] = header;
                update[i].span[i] = length;
            }
            level = lvl;
        }
        x = new Node(lvl, score, ele);
        nodeBytes += nodeMemory(lvl);
        for (int i = 0; i < lvl; i++) {
            x.forward[i] = update[i].forward[i];
            update[i].forward[i] = x;
            x.span[i] = update[i].span[i] - (rank[0] - rank[i]);
            update[i].span[i] = (rank[0] - rank[i]) + 1;
        }
        for (int i = lvl; i < level; i++) {
            update[i].span[i]++;
        }
        x.backward = update[0] == header ? null : update[0];
        if (x.forward[0] != null) {
            x.forward[0].backward = x;
        } else {
            tail = x;
        }
        length++;
        return x;
    }

    private void deleteNode(Node x, Node[] update) {
        for (int i = 0; i < level; i++) {
            if (update[i].forward[i] == x) {
                update[i].span[i] += x.span[i] - 1;
                update[i].forward[i] = x.forward[i];
            } else {
                update[i].span[i] -= 1;
            }
        }
        if (x.forward[0] != null) {
            x.forward[0].backward = x.backward;
        } else {
            tail = x.backward;
        }
        while (level > 1 && header.forward[level - 1] == null) {
            level--;
        }
        length--;
        nodeBytes -= nodeMemory(x.forward.length);
    }

    private Node[] findUpdate(double score, byte[] ele) {
        Node[] update = new Node[MAX_LEVEL];
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && cmp(x.forward[i].score, x.forward[i].ele, score, ele) < 0) {
                x = x.forward[i];
            }
            update[i] = x;
        }
        return update;
    }

    private void zslDelete(double score, byte[] ele) {
        Node[] update = findUpdate(score, ele);
        Node x = update[0].forward[0];
        if (x != null && x.score == score && Arrays.equals(x.ele, ele)) {
            deleteNode(x, update);
        }
    }

    private void updateScore(Node node, double newScore) {
        Node[] update = findUpdate(node.score, node.ele);
        Node x = update[0].forward[0];
        if ((x.backward == null || x.backward.score < newScore) && (x.forward[0] == null || x.forward[0].score > newScore)) {
            x.score = newScore;
            return;
        }
        deleteNode(x, update);
        Node nn = zslInsert(newScore, x.ele);
        dict.setVal(dict.find(x.ele), nn);
    }

    private long zslGetRank(double score, byte[] ele) {
        long rank = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && cmp(x.forward[i].score, x.forward[i].ele, score, ele) <= 0) {
                rank += x.span[i];
                x = x.forward[i];
            }
            if (x.ele != null && x != header && Arrays.equals(x.ele, ele)) {
                return rank;
            }
        }
        return 0;
    }

    /** The node at 0-based {@code rank} in ascending order, or null. */
    public Node byRank(long rank) {
        if (rank < 0 || rank >= length) {
            return null;
        }
        long target = rank + 1;
        long traversed = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && traversed + x.span[i] <= target) {
                traversed += x.span[i];
                x = x.forward[i];
            }
            if (traversed == target) {
                return x;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------ ranges

    /** A score range: Redis's zrangespec. */
    public record ScoreRange(double min, double max, boolean minex, boolean maxex) {
        public boolean gteMin(double v) {
            return minex ? v > min : v >= min;
        }

        public boolean lteMax(double v) {
            return maxex ? v < max : v <= max;
        }

        boolean empty() {
            return min > max || (min == max && (minex || maxex));
        }
    }

    /** Redis's shared.minstring and shared.maxstring: "-" and "+" in a lex range (compared by identity). */
    public static final byte[] MIN_STRING = new byte[0];
    public static final byte[] MAX_STRING = new byte[0];

    /** sdscmplex: the sentinels sort before / after every string. */
    public static int cmplex(byte[] a, byte[] b) {
        if (a == b) {
            return 0;
        }
        if (a == MIN_STRING || b == MAX_STRING) {
            return -1;
        }
        if (a == MAX_STRING || b == MIN_STRING) {
            return 1;
        }
        return Arrays.compareUnsigned(a, b);
    }

    /** A lexicographic range: Redis's zlexrangespec. */
    public record LexRange(byte[] min, byte[] max, boolean minex, boolean maxex) {
        public boolean gteMin(byte[] v) {
            int c = cmplex(v, min);
            return minex ? c > 0 : c >= 0;
        }

        public boolean lteMax(byte[] v) {
            int c = cmplex(v, max);
            return maxex ? c < 0 : c <= 0;
        }

        boolean empty() {
            int c = cmplex(min, max);
            return c > 0 || (c == 0 && (minex || maxex));
        }
    }

    public Node firstInRange(ScoreRange r) {
        if (r.empty() || tail == null || !r.gteMin(tail.score) || !r.lteMax(header.forward[0].score)) {
            return null;
        }
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && !r.gteMin(x.forward[i].score)) {
                x = x.forward[i];
            }
        }
        x = x.forward[0];
        return x != null && r.lteMax(x.score) ? x : null;
    }

    public Node lastInRange(ScoreRange r) {
        if (r.empty() || tail == null || !r.gteMin(tail.score) || !r.lteMax(header.forward[0].score)) {
            return null;
        }
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && r.lteMax(x.forward[i].score)) {
                x = x.forward[i];
            }
        }
        return x != header && r.gteMin(x.score) ? x : null;
    }

    public Node firstInLex(LexRange r) {
        if (r.empty() || tail == null || !r.gteMin(tail.ele) || !r.lteMax(header.forward[0].ele)) {
            return null;
        }
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && !r.gteMin(x.forward[i].ele)) {
                x = x.forward[i];
            }
        }
        x = x.forward[0];
        return x != null && r.lteMax(x.ele) ? x : null;
    }

    public Node lastInLex(LexRange r) {
        if (r.empty() || tail == null || !r.gteMin(tail.ele) || !r.lteMax(header.forward[0].ele)) {
            return null;
        }
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && r.lteMax(x.forward[i].ele)) {
                x = x.forward[i];
            }
        }
        return x != header && r.gteMin(x.ele) ? x : null;
    }

    /** 0-based rank of a node (for ZCOUNT/ZLEXCOUNT). */
    public long rankOf(Node n) {
        return zslGetRank(n.score, n.ele) - 1;
    }

    /** Removes a member node found by iteration. */
    public void removeNode(Node n) {
        dict.remove(n.ele);
        zslDelete(n.score, n.ele);
    }

    // ------------------------------------------------------------------------------ random, scan

    public Node randomNode(SplittableRandom random) {
        int s = dict.randomSlot(random);
        return s < 0 ? null : (Node) dict.valAt(s);
    }

    /** ZSCAN step: a listpack-encoded set is returned whole (cursor 0). */
    public long scan(long cursor, IntList slots, java.util.function.Consumer<Node> out) {
        if (listpack) {
            for (Node x = first(); x != null; x = x.forward[0]) {
                out.accept(x);
            }
            return 0;
        }
        slots.clear();
        long next = dict.scan(cursor, slots);
        for (int i = 0; i < slots.size(); i++) {
            out.accept((Node) dict.valAt(slots.get(i)));
        }
        return next;
    }
}
