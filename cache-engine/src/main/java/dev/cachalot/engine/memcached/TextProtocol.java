package dev.cachalot.engine.memcached;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * memcached's ASCII protocol for one connection: the classic commands and the meta commands, with the
 * replies, error texts and bad-input behaviour of memcached 1.6's {@code proto_text.c} (a line is split
 * on spaces into at most 24 tokens; the checks run in memcached's order, so the same malformed input gets
 * the same error; a storage command whose size is refused swallows its data block, one whose command
 * line is malformed does not). Commands run in place on the receive buffer: keys are looked up where
 * they lie, replies are appended to the batch's output buffer.
 */
final class TextProtocol {

    static final int NEED_MORE = 0;
    static final int DONE = 1;
    static final int CLOSE = 2;

    static final int MAX_TOKENS = 24;
    /** memcached closes a connection whose line has no newline after this many bytes (unless a get). */
    static final int MAX_LINE_WITHOUT_NEWLINE = 2048;
    /** A multiget line may be long, but not endless. */
    static final int MAX_GET_LINE = 64 * 1024 * 1024;
    private static final int MFLAG_MAX_OPT_LENGTH = 20;
    private static final int MFLAG_MAX_OPAQUE_LENGTH = 32;

    static final byte[] CRLF = b("\r\n");
    static final byte[] ERROR = b("ERROR");
    static final byte[] STORED = b("STORED");
    static final byte[] NOT_STORED = b("NOT_STORED");
    static final byte[] EXISTS = b("EXISTS");
    static final byte[] NOT_FOUND = b("NOT_FOUND");
    static final byte[] DELETED = b("DELETED");
    static final byte[] TOUCHED = b("TOUCHED");
    static final byte[] OK = b("OK");
    static final byte[] END = b("END");
    static final byte[] END_CRLF = b("END\r\n");
    static final byte[] RESET = b("RESET");
    static final byte[] VALUE = b("VALUE ");
    static final byte[] BAD_FORMAT = b("CLIENT_ERROR bad command line format");
    static final byte[] BAD_DATA_CHUNK = b("CLIENT_ERROR bad data chunk");
    static final byte[] TOO_LARGE = b("SERVER_ERROR object too large for cache");
    static final byte[] OUT_OF_MEMORY_STORING = b("SERVER_ERROR out of memory storing object");
    static final byte[] OUT_OF_MEMORY = b("SERVER_ERROR out of memory");
    static final byte[] BAD_EXPTIME = b("CLIENT_ERROR invalid exptime argument");
    static final byte[] BAD_DELTA = b("CLIENT_ERROR invalid numeric delta argument");
    static final byte[] NON_NUMERIC = b("CLIENT_ERROR cannot increment or decrement non-numeric value");
    static final byte[] DELETE_USAGE = b("CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]");
    static final byte[] DUPLICATE_FLAG = b("CLIENT_ERROR duplicate flag");
    static final byte[] INVALID_FLAG = b("CLIENT_ERROR invalid flag");
    static final byte[] BAD_TOKEN = b("CLIENT_ERROR bad token in command line format");
    static final byte[] INVALID_OR_DUPLICATE_FLAG = b("CLIENT_ERROR invalid or duplicate flag");
    static final byte[] OPAQUE_TOO_LONG = b("CLIENT_ERROR opaque token too long");
    static final byte[] FLAGS_TOO_LONG = b("CLIENT_ERROR options flags too long");
    static final byte[] MG_FLAGS_TOO_LONG = b("CLIENT_ERROR options flags are too long");
    static final byte[] ERROR_DECODING_KEY = b("CLIENT_ERROR error decoding key");
    static final byte[] UNAUTHORIZED = b("CLIENT_ERROR unauthorized");

    private static final byte[] T_GET = b("get");
    private static final byte[] T_GETS = b("gets");
    private static final byte[] T_GAT = b("gat");
    private static final byte[] T_GATS = b("gats");
    private static final byte[] T_BGET = b("bget");
    private static final byte[] T_SET = b("set");
    private static final byte[] T_ADD = b("add");
    private static final byte[] T_REPLACE = b("replace");
    private static final byte[] T_APPEND = b("append");
    private static final byte[] T_PREPEND = b("prepend");
    private static final byte[] T_CAS = b("cas");
    private static final byte[] T_INCR = b("incr");
    private static final byte[] T_DECR = b("decr");
    private static final byte[] T_DELETE = b("delete");
    private static final byte[] T_TOUCH = b("touch");
    private static final byte[] T_STATS = b("stats");
    private static final byte[] T_FLUSH_ALL = b("flush_all");
    private static final byte[] T_VERSION = b("version");
    private static final byte[] T_QUIT = b("quit");
    private static final byte[] T_VERBOSITY = b("verbosity");
    private static final byte[] T_SHUTDOWN = b("shutdown");
    private static final byte[] T_SLABS = b("slabs");
    private static final byte[] T_CACHE_MEMLIMIT = b("cache_memlimit");
    private static final byte[] T_LRU_CRAWLER = b("lru_crawler");
    private static final byte[] T_LRU = b("lru");
    private static final byte[] T_WATCH = b("watch");
    private static final byte[] T_CONFIG = b("config");
    private static final byte[] T_NOREPLY = b("noreply");
    private static final byte[] T_HTTP = b("HTTP/");

    private static final byte[] L_ERROR_SHUTDOWN_NOT_ENABLED = b("ERROR: shutdown not enabled");
    private static final byte[] L_VERSION = b("VERSION ");
    private static final byte[] L_CLIENT_ERROR_WATCH_COMMANDS_NOT_ALLOWED = b("CLIENT_ERROR watch commands not allowed");
    private static final byte[] L_MEMLIMIT_TOO_SMALL_CANNOT_SET_MAXBYTES_T = b("MEMLIMIT_TOO_SMALL cannot set maxbytes to less than 8m");
    private static final byte[] L_MEMLIMIT_ADJUST_FAILED_INPUT_VALUE_IS_ME = b("MEMLIMIT_ADJUST_FAILED input value is megabytes not bytes");
    private static final byte[] L_REASSIGN = b("reassign");
    private static final byte[] L_NOSPARE_SOURCE_CLASS_HAS_NO_SPARE_PAGES = b("NOSPARE source class has no spare pages");
    private static final byte[] L_AUTOMOVE = b("automove");
    private static final byte[] L_RATIO = b("ratio");
    private static final byte[] L_CRAWL = b("crawl");
    private static final byte[] L_METADUMP = b("metadump");
    private static final byte[] L_ERROR_METADUMP_NOT_ALLOWED = b("ERROR metadump not allowed");
    private static final byte[] L_TOCRAWL = b("tocrawl");
    private static final byte[] L_SLEEP = b("sleep");
    private static final byte[] L_ERROR_FAILED_TO_START_LRU_CRAWLER_THREAD = b("ERROR failed to start lru crawler thread");
    private static final byte[] L_ENABLE = b("enable");
    private static final byte[] L_DISABLE = b("disable");
    private static final byte[] L_TUNE = b("tune");
    private static final byte[] L_MODE = b("mode");
    private static final byte[] L_FLAT = b("flat");
    private static final byte[] L_SEGMENTED = b("segmented");
    private static final byte[] L_TEMP_TTL = b("temp_ttl");
    private static final byte[] L_RESET = b("reset");
    private static final byte[] L_DETAIL = b("detail");
    private static final byte[] L_CLIENT_ERROR_USAGE_STATS_DETAIL_ON_OFF_D = b("CLIENT_ERROR usage: stats detail on|off|dump");
    private static final byte[] L_ON = b("on");
    private static final byte[] L_OFF = b("off");
    private static final byte[] L_DUMP = b("dump");
    private static final byte[] L_SETTINGS = b("settings");
    private static final byte[] L_CACHEDUMP = b("cachedump");
    private static final byte[] L_CLIENT_ERROR_STATS_CACHEDUMP_NOT_ALLOWED = b("CLIENT_ERROR stats cachedump not allowed");
    private static final byte[] L_CONNS = b("conns");
    private static final byte[] L_ITEMS = b("items");
    private static final byte[] L_SIZES = b("sizes");
    private static final byte[] L_STAT_SIZES_STATUS_DISABLED_R_NEND_R_N = b("STAT sizes_status disabled\r\nEND\r\n");
    private static final byte[] L_CLUSTER = b("cluster");
    private static final byte[] L_MN_R_N = b("MN\r\n");
    private static final byte[] L_CLIENT_ERROR_INCORRECT_LENGTH_FOR_M_TOKE = b("CLIENT_ERROR incorrect length for M token");
    private static final byte[] L_CLIENT_ERROR_INVALID_NUMERIC_INITIAL_VAL = b("CLIENT_ERROR invalid numeric initial value");
    private static final byte[] L_CLIENT_ERROR_INVALID_NUMERIC_DELTA_VALUE = b("CLIENT_ERROR invalid numeric delta value");
    private static final byte[] L_B = b(" b");
    private static final byte[] L_HD = b("HD");
    private static final byte[] L_EN = b("EN");
    private static final byte[] L_VA = b("VA ");
    private static final byte[] L_1 = b("-1");
    private static final byte[] L_H1 = b(" h1");
    private static final byte[] L_H0 = b(" h0");
    private static final byte[] L_Z = b(" Z");
    private static final byte[] L_X = b(" X");
    private static final byte[] L_W = b(" W");
    private static final byte[] L_CLIENT_ERROR_INVALID_MODE_FOR_MS_M_TOKEN = b("CLIENT_ERROR invalid mode for ms M token");
    private static final byte[] L_EX = b("EX");
    private static final byte[] L_NF = b("NF");
    private static final byte[] L_NS = b("NS");
    private static final byte[] L_CLIENT_ERROR_INVALID_MODE_FOR_MA_M_TOKEN = b("CLIENT_ERROR invalid mode for ma M token");
    private static final byte[] L_SERVER_ERROR_OUT_OF_MEMORY_ALLOCATING_NE = b("SERVER_ERROR Out of memory allocating new item");
    private static final byte[] L_ME = b("ME ");
    private static final byte[] L_EXP = b(" exp=");
    private static final byte[] L_LA = b(" la=");
    private static final byte[] L_CAS = b(" cas=");
    private static final byte[] L_FETCH_YES = b(" fetch=yes");
    private static final byte[] L_FETCH_NO = b(" fetch=no");
    private static final byte[] L_CLS = b(" cls=");
    private static final byte[] L_SIZE = b(" size=");

    private final MemcachedNode node;
    private final MemcachedConnection conn;
    private final ItemStore store;
    private final MemcachedStats stats;
    private final int[] ts = new int[MAX_TOKENS];
    private final int[] tl = new int[MAX_TOKENS];
    private int ntokens;
    private final byte[] digits = new byte[24];
    /** Keys decoded from base64 (meta flag b) live here, so lookups can read them like any key. */
    private final ByteBuf keyScratch = Unpooled.buffer(256, 256);
    private final MetaFlags mf = new MetaFlags();
    private final CNumber num = new CNumber();
    private ByteBuf in;
    private ByteBuf out;
    private boolean noreply;
    /**
     * Where the replies memcached would already have sent end: it transmits when its input is drained
     * or a command forces a write (a get, mn), and a get with a too-long key discards the replies
     * stacked since then.
     */
    private int sentMark;
    // the key a command works on: in the receive buffer, or in keyScratch
    private ByteBuf keyBuf;
    private int keyOff;
    private int keyLen;

    TextProtocol(MemcachedNode node, MemcachedConnection conn) {
        this.node = node;
        this.conn = conn;
        this.store = node.store;
        this.stats = node.stats;
    }

    void release() {
        keyScratch.release();
    }

    /**
     * Runs the command at the reader index of {@code in}: consumes it (and its data block) and
     * appends its reply to {@code out}, or consumes nothing when more bytes are needed.
     *
     * @return NEED_MORE, DONE, or CLOSE (the connection closes after the replies so far)
     */
    int process(ByteBuf in, ByteBuf out) {
        this.in = in;
        if (out != this.out) {
            sentMark = out.writerIndex();
        }
        this.out = out;
        int start = in.readerIndex();
        int end = in.writerIndex();
        int nl = in.indexOf(start, end, (byte) '\n');
        if (nl < 0) {
            int pending = end - start;
            if (pending > MAX_LINE_WITHOUT_NEWLINE) {
                int p = start;
                while (p < end && in.getByte(p) == ' ') {
                    p++;
                }
                if (p - start > 100 || !(startsWith(p, end, "get ") || startsWith(p, end, "gets "))
                        || pending > MAX_GET_LINE) {
                    return CLOSE;
                }
            }
            return NEED_MORE;
        }
        int lineEnd = nl;
        if (nl - start > 1 && in.getByte(nl - 1) == '\r') {
            lineEnd--;
        }
        noreply = false;
        int nul = in.indexOf(start, lineEnd, (byte) 0);
        if (nul >= 0) {
            lineEnd = nul; // memcached's line is a C string: it ends at the first NUL
        }
        return command(start, lineEnd, nl + 1);
    }

    private boolean startsWith(int p, int end, String prefix) {
        if (end - p < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (in.getByte(p + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    // ---- tokenizer (memcached's tokenize_command) ----

    private void tokenize(int s0, int e0) {
        ntokens = 0;
        int s = s0;
        int e = s0;
        for (; e < e0; e++) {
            if (in.getByte(e) == ' ') {
                if (s != e) {
                    ts[ntokens] = s;
                    tl[ntokens] = e - s;
                    ntokens++;
                    if (ntokens == MAX_TOKENS - 1) {
                        e++;
                        s = e;
                        break;
                    }
                }
                s = e + 1;
            }
        }
        if (s != e) {
            ts[ntokens] = s;
            tl[ntokens] = e - s;
            ntokens++;
        }
        // terminal token: where the unprocessed rest of the line starts, or -1 when all was split
        ts[ntokens] = e < e0 ? e : -1;
        tl[ntokens] = 0;
        ntokens++;
    }

    private boolean tok(int i, byte[] literal) {
        if (tl[i] != literal.length) {
            return false;
        }
        int p = ts[i];
        for (int j = 0; j < literal.length; j++) {
            if (in.getByte(p + j) != literal[j]) {
                return false;
            }
        }
        return true;
    }

    private String tokString(int i) {
        return in.toString(ts[i], tl[i], StandardCharsets.ISO_8859_1);
    }

    // ---- replies ----

    /** memcached's out_string: suppressed (once) under noreply. */
    private void str(byte[] line) {
        if (noreply) {
            noreply = false;
            return;
        }
        out.writeBytes(line).writeBytes(CRLF);
    }

    /** memcached's out_errstring: errors of meta commands are never suppressed. */
    private void errstr(byte[] line) {
        noreply = false;
        str(line);
    }

    private void writeUnsigned(long v) {
        int n = ItemStore.formatUnsigned(v, digits);
        out.writeBytes(digits, 0, n);
    }

    private void writeSigned(long v) {
        if (v < 0) {
            out.writeByte('-');
            v = -v;
        }
        writeUnsigned(v);
    }

    // ---- dispatch (memcached's process_command_ascii) ----

    private int command(int start, int lineEnd, int next) {
        tokenize(start, lineEnd);
        if (ntokens < 2 || tl[0] < 2) {
            in.readerIndex(next);
            str(ERROR);
            return DONE;
        }
        byte first = in.getByte(ts[0]);
        if (first == 'm' && tl[0] == 2) {
            return meta(in.getByte(ts[0] + 1), lineEnd, next);
        }
        if (first == 'g') {
            in.readerIndex(next);
            if (ntokens < 3) {
                str(ERROR);
            } else if (tok(0, T_GET)) {
                get(lineEnd, false, false);
            } else if (tok(0, T_GETS)) {
                get(lineEnd, true, false);
            } else if (tok(0, T_GAT)) {
                get(lineEnd, false, true);
            } else if (tok(0, T_GATS)) {
                get(lineEnd, true, true);
            } else {
                str(ERROR);
            }
            return DONE;
        }
        if (first == 's') {
            if (tok(0, T_SET)) {
                return update(ItemStore.SET, false, next);
            }
            in.readerIndex(next);
            if (tok(0, T_STATS)) {
                stats();
            } else if (tok(0, T_SHUTDOWN)) {
                str(L_ERROR_SHUTDOWN_NOT_ENABLED);
            } else if (tok(0, T_SLABS)) {
                slabs();
            } else {
                str(ERROR);
            }
            return DONE;
        }
        if (first == 'a') {
            if (tok(0, T_ADD)) {
                return update(ItemStore.ADD, false, next);
            }
            if (tok(0, T_APPEND)) {
                return update(ItemStore.APPEND, false, next);
            }
            in.readerIndex(next);
            str(ERROR);
            return DONE;
        }
        if (first == 'c') {
            if (tok(0, T_CAS)) {
                return update(ItemStore.CAS, true, next);
            }
            if (tok(0, T_CONFIG)) {
                return config(next);
            }
            in.readerIndex(next);
            if (tok(0, T_CACHE_MEMLIMIT) && (ntokens == 3 || ntokens == 4)) {
                memlimit();
            } else {
                str(ERROR);
            }
            return DONE;
        }
        if (tok(0, T_REPLACE)) {
            return update(ItemStore.REPLACE, false, next);
        }
        if (tok(0, T_PREPEND)) {
            return update(ItemStore.PREPEND, false, next);
        }
        in.readerIndex(next);
        if (first == 'i') {
            if (tok(0, T_INCR) && (ntokens == 4 || ntokens == 5)) {
                arithmetic(true);
            } else {
                str(ERROR);
            }
        } else if (first == 'd') {
            if (tok(0, T_DELETE) && ntokens >= 3 && ntokens <= 5) {
                delete();
            } else if (tok(0, T_DECR) && (ntokens == 4 || ntokens == 5)) {
                arithmetic(false);
            } else {
                str(ERROR);
            }
        } else if (first == 't') {
            if (tok(0, T_TOUCH) && (ntokens == 4 || ntokens == 5)) {
                touch();
            } else {
                str(ERROR);
            }
        } else if (tok(0, T_BGET)) {
            if (ntokens < 3) {
                str(ERROR);
            } else {
                get(lineEnd, false, false);
            }
        } else if (tok(0, T_FLUSH_ALL)) {
            if (ntokens < 2 || ntokens > 4) {
                str(ERROR);
            } else {
                flushAll();
            }
        } else if (tok(0, T_VERSION)) {
            out.writeBytes(L_VERSION).writeBytes(node.version.getBytes(US_ASCII)).writeBytes(CRLF);
        } else if (tok(0, T_QUIT)) {
            return CLOSE;
        } else if (tok(0, T_LRU_CRAWLER)) {
            lruCrawler();
        } else if (tok(0, T_WATCH)) {
            setNoreplyMaybe();
            str(L_CLIENT_ERROR_WATCH_COMMANDS_NOT_ALLOWED);
        } else if (tok(0, T_VERBOSITY)) {
            if (ntokens != 3 && ntokens != 4) {
                str(ERROR);
            } else {
                verbosity();
            }
        } else if (tok(0, T_LRU)) {
            if (ntokens < 3) {
                str(ERROR);
            } else {
                lru();
            }
        } else if (ntokens >= 2 && ts[ntokens - 2] >= 0 && tl[ntokens - 2] >= 5 && startsWithToken(ntokens - 2, T_HTTP)) {
            return CLOSE; // an HTTP request: memcached closes without a reply
        } else {
            str(ERROR);
        }
        return DONE;
    }

    private boolean startsWithToken(int i, byte[] prefix) {
        for (int j = 0; j < prefix.length; j++) {
            if (in.getByte(ts[i] + j) != prefix[j]) {
                return false;
            }
        }
        return true;
    }

    private boolean setNoreplyMaybe() {
        int i = ntokens - 2;
        if (i >= 0 && tok(i, T_NOREPLY)) {
            noreply = true;
        }
        return noreply;
    }

    // ---- retrieval ----

    private void get(int lineEnd, boolean withCas, boolean touch) {
        int ki = 1;
        int exptime = 0;
        if (touch) {
            if (!num.strtol(in, ts[1], tl[1])) {
                str(BAD_EXPTIME);
                return;
            }
            exptime = node.clock.realtime(num.value);
            ki = 2;
        }
        while (true) {
            for (; tl[ki] != 0; ki++) {
                if (tl[ki] > ItemStore.KEY_MAX_LENGTH) {
                    out.writerIndex(sentMark); // memcached drops the replies it had stacked
                    str(BAD_FORMAT);
                    return;
                }
                int slot = store.get(in, ts[ki], tl[ki]);
                if (slot >= 0) {
                    if (touch) {
                        store.touch(slot, exptime);
                        stats.cmdTouch++;
                        stats.touchHits++;
                    } else {
                        store.bump(slot);
                        stats.getHits++;
                        stats.cmdGet++;
                        store.classGetHits[store.classOf(slot)]++;
                    }
                    writeValue(store.item(slot), withCas);
                } else if (touch) {
                    stats.cmdTouch++;
                    stats.touchMisses++;
                } else {
                    stats.getMisses++;
                    stats.cmdGet++;
                }
            }
            if (ts[ki] < 0) {
                break;
            }
            tokenize(ts[ki], lineEnd);
            ki = 0;
        }
        out.writeBytes(END_CRLF);
        sentMark = out.writerIndex();
    }

    private void writeValue(byte[] it, boolean withCas) {
        int nkey = ItemStore.nkey(it);
        out.writeBytes(VALUE).writeBytes(it, ItemStore.HDR, nkey).writeByte(' ');
        writeUnsigned(ItemStore.flags(it) & 0xFFFFFFFFL);
        out.writeByte(' ');
        int vlen = ItemStore.valueLength(it);
        writeUnsigned(vlen);
        if (withCas) {
            out.writeByte(' ');
            writeUnsigned(ItemStore.cas(it));
        }
        out.writeBytes(CRLF).writeBytes(it, ItemStore.HDR + nkey, vlen).writeBytes(CRLF);
    }

    // ---- storage ----

    private int update(int mode, boolean handleCas, int next) {
        if (handleCas ? ntokens != 7 && ntokens != 8 : ntokens != 6 && ntokens != 7) {
            in.readerIndex(next);
            str(ERROR);
            return DONE;
        }
        setNoreplyMaybe();
        if (tl[1] > ItemStore.KEY_MAX_LENGTH) {
            in.readerIndex(next);
            str(BAD_FORMAT);
            return DONE;
        }
        if (!num.strtoul(in, ts[2], tl[2])) {
            in.readerIndex(next);
            str(BAD_FORMAT);
            return DONE;
        }
        int flags = (int) num.value;
        if (!num.strtol(in, ts[3], tl[3])) {
            in.readerIndex(next);
            str(BAD_FORMAT);
            return DONE;
        }
        long exptimeIn = num.value;
        if (!num.strtol(in, ts[4], tl[4])) {
            in.readerIndex(next);
            str(BAD_FORMAT);
            return DONE;
        }
        long vlen = num.value;
        long cas = 0;
        if (handleCas) {
            if (!num.strtoull(in, ts[5], tl[5])) {
                in.readerIndex(next);
                str(BAD_FORMAT);
                return DONE;
            }
            cas = num.value;
        }
        if (vlen < 0 || vlen > Integer.MAX_VALUE - 2) {
            in.readerIndex(next);
            str(BAD_FORMAT);
            return DONE;
        }
        long total = vlen + 2;
        if (!store.sizeOk(tl[1], flags, vlen)) {
            in.readerIndex(next);
            str(TOO_LARGE);
            stats.storeTooLarge++;
            if (mode == ItemStore.SET) {
                int old = store.get(in, ts[1], tl[1]);
                if (old >= 0) {
                    store.delete(old); // no stale value may survive a failed set
                }
            }
            conn.swallow(total);
            return DONE;
        }
        if (in.writerIndex() - next < total) {
            return NEED_MORE;
        }
        int valOff = next;
        in.readerIndex(next + (int) total);
        stats.cmdSet++;
        if (in.getByte(valOff + (int) vlen) != '\r' || in.getByte(valOff + (int) vlen + 1) != '\n') {
            str(BAD_DATA_CHUNK);
            return DONE;
        }
        int exptime = node.clock.realtime(exptimeIn);
        int r = store.store(mode, in, ts[1], tl[1], flags, exptime, in, valOff, (int) vlen, cas, false, 0, false);
        str(switch (r) {
            case ItemStore.STORED -> STORED;
            case ItemStore.EXISTS -> EXISTS;
            case ItemStore.NOT_FOUND -> NOT_FOUND;
            case ItemStore.NO_MEMORY -> OUT_OF_MEMORY_STORING;
            case ItemStore.TOO_LARGE -> TOO_LARGE;
            default -> NOT_STORED;
        });
        return DONE;
    }

    // ---- other classic commands ----

    private void delete() {
        if (ntokens > 3) {
            boolean holdIsZero = tl[2] == 1 && in.getByte(ts[2]) == '0';
            boolean setsNoreply = setNoreplyMaybe();
            boolean valid = (ntokens == 4 && (holdIsZero || setsNoreply))
                    || (ntokens == 5 && holdIsZero && setsNoreply);
            if (!valid) {
                str(DELETE_USAGE);
                return;
            }
        }
        if (tl[1] > ItemStore.KEY_MAX_LENGTH) {
            str(BAD_FORMAT);
            return;
        }
        int slot = store.get(in, ts[1], tl[1]);
        if (slot >= 0) {
            stats.deleteHits++;
            store.delete(slot);
            str(DELETED);
        } else {
            stats.deleteMisses++;
            str(NOT_FOUND);
        }
    }

    private void arithmetic(boolean incr) {
        setNoreplyMaybe();
        if (tl[1] > ItemStore.KEY_MAX_LENGTH) {
            str(BAD_FORMAT);
            return;
        }
        if (!num.strtoull(in, ts[2], tl[2])) {
            str(BAD_DELTA);
            return;
        }
        long delta = num.value;
        int slot = store.get(in, ts[1], tl[1]);
        if (slot < 0) {
            if (incr) {
                stats.incrMisses++;
            } else {
                stats.decrMisses++;
            }
            str(NOT_FOUND);
            return;
        }
        int r = store.delta(slot, incr, delta, 0, 0);
        switch (r) {
            case ItemStore.STORED -> {
                if (incr) {
                    stats.incrHits++;
                } else {
                    stats.decrHits++;
                }
                if (noreply) {
                    noreply = false;
                } else {
                    out.writeBytes(store.deltaDigits, 0, store.deltaLength).writeBytes(CRLF);
                }
            }
            case ItemStore.NON_NUMERIC -> str(NON_NUMERIC);
            default -> str(OUT_OF_MEMORY);
        }
    }

    private void touch() {
        setNoreplyMaybe();
        if (tl[1] > ItemStore.KEY_MAX_LENGTH) {
            str(BAD_FORMAT);
            return;
        }
        if (!num.strtol(in, ts[2], tl[2])) {
            str(BAD_EXPTIME);
            return;
        }
        int exptime = node.clock.realtime(num.value);
        int slot = store.get(in, ts[1], tl[1]);
        stats.cmdTouch++;
        if (slot >= 0) {
            stats.touchHits++;
            store.touch(slot, exptime);
            str(TOUCHED);
        } else {
            stats.touchMisses++;
            str(NOT_FOUND);
        }
    }

    private void flushAll() {
        setNoreplyMaybe();
        stats.cmdFlush++;
        long exptime = 0;
        if (ntokens != (noreply ? 3 : 2)) {
            if (!num.strtol(in, ts[1], tl[1])) {
                str(BAD_EXPTIME);
                return;
            }
            exptime = num.value;
        }
        store.flush(exptime > 0 ? node.clock.realtime(exptime) : 0);
        str(OK);
    }

    private void verbosity() {
        setNoreplyMaybe();
        if (!num.strtoul(in, ts[1], tl[1])) {
            str(BAD_FORMAT);
            return;
        }
        node.verbosity = (int) Math.min(num.value & 0xFFFFFFFFL, 2);
        str(OK);
    }

    private void memlimit() {
        setNoreplyMaybe();
        if (!num.strtoul(in, ts[1], tl[1])) {
            str(ERROR);
            return;
        }
        long mb = num.value & 0xFFFFFFFFL;
        if (mb < 8) {
            str(L_MEMLIMIT_TOO_SMALL_CANNOT_SET_MAXBYTES_T);
        } else if (mb > 1_000_000_000) {
            str(L_MEMLIMIT_ADJUST_FAILED_INPUT_VALUE_IS_ME);
        } else {
            store.maxBytes(mb * 1024 * 1024);
            str(OK);
        }
    }

    private void slabs() {
        if (ntokens == 5 && tok(1, L_REASSIGN)) {
            if (!num.strtol(in, ts[2], tl[2]) || !num.strtol(in, ts[3], tl[3])) {
                str(BAD_FORMAT);
                return;
            }
            // items are not kept in slab pages here, so there is never a page to move
            str(L_NOSPARE_SOURCE_CLASS_HAS_NO_SPARE_PAGES);
        } else if (ntokens >= 4 && tok(1, L_AUTOMOVE)) {
            setNoreplyMaybe();
            if (tok(2, L_RATIO)) {
                str(ntokens < 5 ? ERROR : OK);
            } else if (!num.strtoul(in, ts[2], tl[2])) {
                str(BAD_FORMAT);
            } else {
                str(num.value <= 2 ? OK : ERROR);
            }
        } else {
            str(ERROR);
        }
    }

    private void lruCrawler() {
        if (ntokens == 4 && tok(1, L_CRAWL)) {
            store.crawl(Integer.MAX_VALUE);
            str(OK);
        } else if (ntokens == 4 && tok(1, L_METADUMP)) {
            str(L_ERROR_METADUMP_NOT_ALLOWED);
        } else if (ntokens == 4 && (tok(1, L_TOCRAWL) || tok(1, L_SLEEP))) {
            str(num.strtoul(in, ts[2], tl[2]) ? OK : BAD_FORMAT);
        } else if (ntokens == 3 && tok(1, L_ENABLE)) {
            str(L_ERROR_FAILED_TO_START_LRU_CRAWLER_THREAD);
        } else if (ntokens == 3 && tok(1, L_DISABLE)) {
            str(OK);
        } else {
            str(ERROR);
        }
    }

    private void lru() {
        setNoreplyMaybe();
        if (tok(1, L_TUNE) && ntokens >= 7) {
            str(num.strtoul(in, ts[2], tl[2]) && num.strtoul(in, ts[3], tl[3]) ? OK : ERROR);
        } else if (tok(1, L_MODE) && ntokens >= 4) {
            str(tok(2, L_FLAT) || tok(2, L_SEGMENTED) ? OK : ERROR);
        } else if (tok(1, L_TEMP_TTL) && ntokens >= 4) {
            str(num.strtol(in, ts[2], tl[2]) ? OK : ERROR);
        } else {
            str(ERROR);
        }
    }

    // ---- stats ----

    private void stats() {
        if (ntokens == 2) {
            StatsReport.general(node, conn, out);
        } else if (tok(1, L_RESET)) {
            stats.reset();
            str(RESET);
        } else if (tok(1, L_DETAIL)) {
            if (ntokens < 4) {
                str(L_CLIENT_ERROR_USAGE_STATS_DETAIL_ON_OFF_D);
            } else if (tok(2, L_ON) || tok(2, L_OFF)) {
                str(OK);
            } else if (tok(2, L_DUMP)) {
                out.writeBytes(END_CRLF);
            } else {
                str(L_CLIENT_ERROR_USAGE_STATS_DETAIL_ON_OFF_D);
            }
        } else if (tok(1, L_SETTINGS)) {
            StatsReport.settings(node, out);
        } else if (tok(1, L_CACHEDUMP)) {
            str(L_CLIENT_ERROR_STATS_CACHEDUMP_NOT_ALLOWED);
        } else if (tok(1, L_CONNS)) {
            StatsReport.conns(node, out);
        } else if (tok(1, L_ITEMS)) {
            StatsReport.items(node, out);
        } else if (tok(1, T_SLABS)) {
            StatsReport.slabs(node, out);
        } else if (tok(1, L_SIZES)) {
            out.writeBytes(L_STAT_SIZES_STATUS_DISABLED_R_NEND_R_N);
        } else {
            str(ERROR);
        }
    }

    // ---- Auto Discovery and the admin channel ----

    /**
     * {@code config get cluster} as ElastiCache answers it; and the admin forms the agent uses, accepted
     * only over loopback with the node's admin token: {@code config set cluster <token> <bytes>} followed
     * by the configuration block, and {@code config set <setting> <token> <value>}.
     */
    private int config(int next) {
        if (ntokens == 4 && tok(1, T_GET)) {
            in.readerIndex(next);
            if (tok(2, L_CLUSTER) && node.clusterReply() != null) {
                out.writeBytes(node.clusterReply());
            } else {
                str(ERROR);
            }
            return DONE;
        }
        if (ntokens == 6 && tok(1, T_SET) && tok(2, L_CLUSTER)) {
            if (!num.strtol(in, ts[4], tl[4]) || num.value < 0 || num.value > 1024 * 1024) {
                in.readerIndex(next);
                str(BAD_FORMAT);
                return DONE;
            }
            int len = (int) num.value;
            if (in.writerIndex() - next < len + 2) {
                return NEED_MORE;
            }
            boolean allowed = conn.isLoopback() && node.adminTokenMatches(tokenBytes(3));
            in.readerIndex(next + len + 2);
            if (!allowed) {
                str(UNAUTHORIZED);
                return DONE;
            }
            if (in.getByte(next + len) != '\r' || in.getByte(next + len + 1) != '\n') {
                str(BAD_DATA_CHUNK);
                return DONE;
            }
            try {
                boolean stored = node.setClusterConfig(in.toString(next, len, US_ASCII));
                str(stored ? STORED : NOT_STORED);
            } catch (IllegalArgumentException e) {
                str(b("CLIENT_ERROR " + e.getMessage()));
            }
            return DONE;
        }
        in.readerIndex(next);
        if (ntokens == 6 && tok(1, T_SET)) {
            if (!conn.isLoopback() || !node.adminTokenMatches(tokenBytes(3))) {
                str(UNAUTHORIZED);
                return DONE;
            }
            String refused = node.setSetting(tokString(2), tokString(4));
            str(refused == null ? OK : b("CLIENT_ERROR " + refused));
            return DONE;
        }
        str(ERROR);
        return DONE;
    }

    private byte[] tokenBytes(int i) {
        byte[] bytes = new byte[tl[i]];
        in.getBytes(ts[i], bytes);
        return bytes;
    }

    // ---- meta commands ----

    /** The parsed flags of a meta command (memcached's struct _meta_flags). */
    private static final class MetaFlags {
        boolean hasError;
        boolean noUpdate;
        boolean locked;
        boolean vivify;
        boolean value;
        boolean setStale;
        boolean noReply;
        boolean hasCas;
        boolean newTtl;
        boolean keyBinary;
        byte mode;
        int exptime;
        int autovivExptime;
        int recacheTime;
        int clientFlags;
        long reqCas;
        long newCas;
        long delta;
        long initial;
        final boolean[] seen = new boolean[128];

        void reset() {
            hasError = noUpdate = locked = vivify = value = setStale = noReply = hasCas = newTtl = keyBinary = false;
            mode = 0;
            exptime = autovivExptime = recacheTime = clientFlags = 0;
            reqCas = newCas = delta = initial = 0;
            java.util.Arrays.fill(seen, false);
        }
    }

    private int meta(byte which, int lineEnd, int next) {
        switch (which) {
            case 's' -> {
                return mset(next);
            }
            case 'g' -> {
                in.readerIndex(next);
                mget();
            }
            case 'd' -> {
                in.readerIndex(next);
                mdelete();
            }
            case 'a' -> {
                in.readerIndex(next);
                marithmetic();
            }
            case 'n' -> {
                in.readerIndex(next);
                out.writeBytes(L_MN_R_N);
                sentMark = out.writerIndex();
            }
            case 'e' -> {
                in.readerIndex(next);
                mdebug();
            }
            default -> {
                in.readerIndex(next);
                str(ERROR);
            }
        }
        stats.cmdMeta++;
        return DONE;
    }

    private byte[] errstrOut;

    /** memcached's _meta_flag_preparse; returns false on a fatal or value error ({@link #errstrOut} says which). */
    private boolean preparse(int start) {
        mf.reset();
        keyBuf = in;
        keyOff = ts[1];
        keyLen = tl[1];
        for (int i = start; tl[i] != 0; i++) {
            int o = in.getByte(ts[i]) & 0xFF;
            if (o >= 127 || mf.seen[o]) {
                errstrOut = DUPLICATE_FLAG;
                return false;
            }
            mf.seen[o] = true;
            switch (o) {
                case 'b' -> {
                    if (!decodeKey()) {
                        errstrOut = ERROR_DECODING_KEY;
                        mf.hasError = true;
                    }
                    mf.keyBinary = true;
                }
                case 'N' -> {
                    mf.locked = true;
                    mf.vivify = true;
                    if (!num.strtol(in, ts[i] + 1, tl[i] - 1)) {
                        errstrOut = BAD_TOKEN;
                        mf.hasError = true;
                    } else {
                        mf.autovivExptime = node.clock.realtime(num.value);
                    }
                }
                case 'T' -> {
                    mf.locked = true;
                    if (!num.strtol(in, ts[i] + 1, tl[i] - 1)) {
                        errstrOut = BAD_TOKEN;
                        mf.hasError = true;
                    } else {
                        mf.exptime = node.clock.realtime(num.value);
                        mf.newTtl = true;
                    }
                }
                case 'R' -> {
                    mf.locked = true;
                    if (!num.strtol(in, ts[i] + 1, tl[i] - 1)) {
                        errstrOut = BAD_TOKEN;
                        mf.hasError = true;
                    } else {
                        mf.recacheTime = node.clock.realtime(num.value);
                    }
                }
                case 'l', 'h' -> mf.locked = true;
                case 'O', 'P', 'L', 'k', 's', 't', 'c', 'f' -> {
                }
                case 'v' -> mf.value = true;
                case 'u' -> mf.noUpdate = true;
                case 'q' -> mf.noReply = true;
                case 'F' -> {
                    if (!num.strtoul(in, ts[i] + 1, tl[i] - 1)) {
                        mf.hasError = true;
                    } else {
                        mf.clientFlags = (int) num.value;
                    }
                }
                case 'C' -> {
                    if (!num.strtoull(in, ts[i] + 1, tl[i] - 1)) {
                        errstrOut = BAD_TOKEN;
                        mf.hasError = true;
                    } else {
                        mf.reqCas = num.value;
                        mf.hasCas = true;
                    }
                }
                case 'E' -> { // memcached 1.6.22+: the CAS value the change gives the item
                    if (!num.strtoull(in, ts[i] + 1, tl[i] - 1)) {
                        errstrOut = BAD_TOKEN;
                        mf.hasError = true;
                    } else {
                        mf.newCas = num.value;
                    }
                }
                case 'M' -> {
                    if (tl[i] != 2) {
                        errstrOut = L_CLIENT_ERROR_INCORRECT_LENGTH_FOR_M_TOKE;
                        mf.hasError = true;
                    } else {
                        mf.mode = in.getByte(ts[i] + 1);
                    }
                }
                case 'J' -> {
                    if (!num.strtoull(in, ts[i] + 1, tl[i] - 1)) {
                        errstrOut = L_CLIENT_ERROR_INVALID_NUMERIC_INITIAL_VAL;
                        mf.hasError = true;
                    } else {
                        mf.initial = num.value;
                    }
                }
                case 'D' -> {
                    if (!num.strtoull(in, ts[i] + 1, tl[i] - 1)) {
                        errstrOut = L_CLIENT_ERROR_INVALID_NUMERIC_DELTA_VALUE;
                        mf.hasError = true;
                    } else {
                        mf.delta = num.value;
                    }
                }
                case 'I' -> mf.setStale = true;
                default -> {
                    errstrOut = INVALID_FLAG;
                    return false;
                }
            }
        }
        return !mf.hasError;
    }

    private boolean decodeKey() {
        byte[] raw = new byte[tl[1]];
        in.getBytes(ts[1], raw);
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(raw);
        } catch (IllegalArgumentException e) {
            keyLen = 0;
            return false;
        }
        if (decoded.length == 0) {
            keyLen = 0;
            return false;
        }
        keyScratch.clear().writeBytes(decoded);
        keyBuf = keyScratch;
        keyOff = 0;
        keyLen = decoded.length;
        return true;
    }

    private void metaKey(byte[] it) {
        out.writeByte(' ').writeByte('k');
        int nkey = ItemStore.nkey(it);
        if ((ItemStore.itemFlags(it) & ItemStore.F_KEY_BINARY) != 0) {
            byte[] key = java.util.Arrays.copyOfRange(it, ItemStore.HDR, ItemStore.HDR + nkey);
            out.writeBytes(Base64.getEncoder().encode(key)).writeBytes(L_B);
        } else {
            out.writeBytes(it, ItemStore.HDR, nkey);
        }
    }

    private void requestKey() {
        out.writeByte(' ').writeByte('k');
        if (mf.keyBinary) {
            byte[] key = new byte[keyLen];
            keyBuf.getBytes(keyOff, key);
            out.writeBytes(Base64.getEncoder().encode(key)).writeBytes(L_B);
        } else {
            out.writeBytes(keyBuf, keyOff, keyLen);
        }
    }

    private byte[] hd() {
        return node.metaResponseOld ? OK : L_HD;
    }

    private void mget() {
        if (ntokens < 3) {
            str(ERROR);
            return;
        }
        if (tl[1] > ItemStore.KEY_MAX_LENGTH) {
            errstr(BAD_FORMAT);
            return;
        }
        if (ntokens > MFLAG_MAX_OPT_LENGTH) {
            errstr(MG_FLAGS_TOO_LONG);
            return;
        }
        errstrOut = BAD_FORMAT;
        if (!preparse(2)) {
            errstr(errstrOut);
            return;
        }
        noreply = mf.noReply;
        int slot = store.get(keyBuf, keyOff, keyLen);
        boolean created = false;
        if (slot >= 0 && !mf.locked && !mf.noUpdate) {
            store.bump(slot);
        }
        if (slot < 0 && mf.vivify) {
            slot = store.vivify(keyBuf, keyOff, keyLen, 0, mf.newCas, mf.keyBinary);
            created = slot >= 0;
        }
        int mark = out.writerIndex();
        if (slot < 0) {
            stats.getMisses++;
            stats.cmdGet++;
            boolean skip = noreply;
            out.writeBytes(L_EN);
            for (int i = 2; i < ntokens - 1; i++) {
                byte f = in.getByte(ts[i]);
                if (f == 'O') {
                    if (tl[i] > MFLAG_MAX_OPAQUE_LENGTH) {
                        out.writerIndex(mark);
                        errstr(OPAQUE_TOO_LONG);
                        return;
                    }
                    out.writeByte(' ').writeBytes(in, ts[i], tl[i]);
                } else if (f == 'k') {
                    requestKey();
                }
            }
            out.writeBytes(CRLF);
            if (skip) {
                out.writerIndex(mark);
                noreply = false;
            }
            return;
        }
        byte[] it = store.item(slot);
        boolean won = false;
        boolean ttlSet = false;
        int vlen = ItemStore.valueLength(it);
        if (mf.value) {
            out.writeBytes(L_VA);
            writeUnsigned(vlen);
        } else {
            out.writeBytes(hd());
        }
        int now = node.clock.now();
        for (int i = 2; i < ntokens - 1; i++) {
            switch (in.getByte(ts[i])) {
                case 'T' -> {
                    ttlSet = true;
                    ItemStore.exptime(it, mf.exptime);
                }
                case 'N' -> {
                    if (created) {
                        ItemStore.exptime(it, mf.autovivExptime);
                        won = true;
                    }
                }
                case 'R' -> {
                    int exp = ItemStore.exptime(it);
                    if ((ItemStore.itemFlags(it) & ItemStore.F_TOKEN_SENT) == 0 && !created && exp != 0
                            && Integer.compareUnsigned(exp, mf.recacheTime) < 0) {
                        won = true;
                    }
                }
                case 's' -> {
                    out.writeByte(' ').writeByte('s');
                    writeUnsigned(vlen);
                }
                case 't' -> {
                    out.writeByte(' ').writeByte('t');
                    int exp = ItemStore.exptime(it);
                    if (exp == 0) {
                        out.writeBytes(L_1);
                    } else {
                        writeUnsigned((exp - now) & 0xFFFFFFFFL);
                    }
                }
                case 'c' -> {
                    out.writeByte(' ').writeByte('c');
                    writeUnsigned(ItemStore.cas(it));
                }
                case 'f' -> {
                    out.writeByte(' ').writeByte('f');
                    writeUnsigned(ItemStore.flags(it) & 0xFFFFFFFFL);
                }
                case 'l' -> {
                    out.writeByte(' ').writeByte('l');
                    writeUnsigned((now - ItemStore.time(it)) & 0xFFFFFFFFL);
                }
                case 'h' -> out.writeBytes((ItemStore.itemFlags(it) & ItemStore.F_FETCHED) != 0 ? L_H1 : L_H0);
                case 'O' -> {
                    if (tl[i] > MFLAG_MAX_OPAQUE_LENGTH) {
                        out.writerIndex(mark);
                        errstr(OPAQUE_TOO_LONG);
                        return;
                    }
                    out.writeByte(' ').writeBytes(in, ts[i], tl[i]);
                }
                case 'k' -> metaKey(it);
                default -> {
                }
            }
        }
        int iflags = ItemStore.itemFlags(it);
        if ((iflags & ItemStore.F_TOKEN_SENT) != 0) {
            out.writeBytes(L_Z);
        }
        if ((iflags & ItemStore.F_STALE) != 0) {
            out.writeBytes(L_X);
            if ((iflags & ItemStore.F_TOKEN_SENT) == 0) {
                won = true;
            }
        }
        if (won) {
            out.writeBytes(L_W);
            ItemStore.itemFlags(it, ItemStore.itemFlags(it) | ItemStore.F_TOKEN_SENT);
        }
        out.writeBytes(CRLF);
        if (mf.value) {
            out.writeBytes(it, ItemStore.valueOffset(it), vlen).writeBytes(CRLF);
        }
        if (mf.locked && !mf.noUpdate) {
            store.bump(slot);
        }
        if (ttlSet) {
            stats.cmdTouch++;
            stats.touchHits++;
        } else {
            stats.getHits++;
            stats.cmdGet++;
        }
        noreply = false;
    }

    private int mset(int next) {
        if (ntokens < 3) {
            in.readerIndex(next);
            str(ERROR);
            return DONE;
        }
        if (tl[1] > ItemStore.KEY_MAX_LENGTH || ntokens == 3) {
            in.readerIndex(next);
            errstr(BAD_FORMAT);
            return DONE;
        }
        if (ntokens > MFLAG_MAX_OPT_LENGTH) {
            in.readerIndex(next);
            errstr(FLAGS_TOO_LONG);
            return DONE;
        }
        if (!num.strtol(in, ts[2], tl[2]) || num.value < 0 || num.value > Integer.MAX_VALUE - 2) {
            in.readerIndex(next);
            errstr(BAD_FORMAT);
            return DONE;
        }
        int vlen = (int) num.value;
        long total = vlen + 2L;
        errstrOut = BAD_FORMAT;
        byte[] error = null;
        if (!preparse(3)) {
            error = errstrOut;
        }
        int mode = ItemStore.SET;
        if (error == null) {
            for (int i = 3; i < ntokens - 1; i++) {
                if (in.getByte(ts[i]) == 'O' && tl[i] > MFLAG_MAX_OPAQUE_LENGTH) {
                    error = OPAQUE_TOO_LONG;
                }
            }
            switch (mf.mode) {
                case 0, 'S' -> mode = ItemStore.SET;
                case 'E' -> mode = ItemStore.ADD;
                case 'A' -> mode = ItemStore.APPEND;
                case 'P' -> mode = ItemStore.PREPEND;
                case 'R' -> mode = ItemStore.REPLACE;
                default -> error = L_CLIENT_ERROR_INVALID_MODE_FOR_MS_M_TOKEN;
            }
            if (mf.hasCas && (mode == ItemStore.SET || mode == ItemStore.REPLACE)) {
                mode = ItemStore.CAS;
            }
        }
        if (error == null && !store.sizeOk(keyLen, mf.clientFlags, vlen)) {
            error = TOO_LARGE;
            stats.storeTooLarge++;
            int old = store.get(keyBuf, keyOff, keyLen);
            if (old >= 0) {
                store.delete(old);
            }
        }
        if (error != null) {
            in.readerIndex(next);
            errstr(error);
            conn.swallow(total);
            stats.cmdMeta++;
            return DONE;
        }
        if (in.writerIndex() - next < total) {
            return NEED_MORE;
        }
        stats.cmdMeta++;
        in.readerIndex(next + (int) total);
        noreply = mf.noReply;
        stats.cmdSet++;
        if (in.getByte(next + vlen) != '\r' || in.getByte(next + vlen + 1) != '\n') {
            errstr(BAD_DATA_CHUNK);
            return DONE;
        }
        store.lastCas = 0;
        int r = store.store(mode, keyBuf, keyOff, keyLen, mf.clientFlags, mf.exptime, in, next, vlen,
                mf.reqCas, mf.setStale && mode == ItemStore.CAS, mf.newCas, mf.keyBinary);
        int mark = out.writerIndex();
        switch (r) {
            case ItemStore.STORED -> out.writeBytes(hd());
            case ItemStore.EXISTS -> out.writeBytes(L_EX);
            case ItemStore.NOT_FOUND -> out.writeBytes(L_NF);
            case ItemStore.NOT_STORED -> out.writeBytes(L_NS);
            case ItemStore.NO_MEMORY -> {
                errstr(OUT_OF_MEMORY_STORING);
                return DONE;
            }
            default -> {
                errstr(TOO_LARGE);
                return DONE;
            }
        }
        for (int i = 3; i < ntokens - 1; i++) {
            switch (in.getByte(ts[i])) {
                case 'O' -> out.writeByte(' ').writeBytes(in, ts[i], tl[i]);
                case 'k' -> requestKey();
                case 'c' -> {
                    out.writeByte(' ').writeByte('c');
                    writeUnsigned(r == ItemStore.STORED ? store.lastCas : 0);
                }
                default -> {
                }
            }
        }
        out.writeBytes(CRLF);
        if (r == ItemStore.STORED && noreply) {
            out.writerIndex(mark);
        }
        noreply = false;
        return DONE;
    }

    private void mdelete() {
        if (ntokens < 3) {
            str(ERROR);
            return;
        }
        if (tl[1] > ItemStore.KEY_MAX_LENGTH) {
            str(BAD_FORMAT);
            return;
        }
        if (ntokens > MFLAG_MAX_OPT_LENGTH) {
            str(FLAGS_TOO_LONG);
            return;
        }
        if (!preparse(2)) {
            errstr(INVALID_OR_DUPLICATE_FLAG);
            return;
        }
        noreply = mf.noReply;
        for (int i = 2; i < ntokens - 1; i++) {
            if (in.getByte(ts[i]) == 'O' && tl[i] > MFLAG_MAX_OPAQUE_LENGTH) {
                errstr(OPAQUE_TOO_LONG);
                return;
            }
        }
        int mark = out.writerIndex();
        boolean skip = false;
        int slot = store.get(keyBuf, keyOff, keyLen);
        if (slot >= 0) {
            byte[] it = store.item(slot);
            if (mf.hasCas && ItemStore.cas(it) != mf.reqCas) {
                stats.deleteMisses++;
                out.writeBytes(L_EX);
            } else if (mf.setStale) {
                if (mf.newTtl) {
                    ItemStore.exptime(it, mf.exptime);
                }
                ItemStore.itemFlags(it, (ItemStore.itemFlags(it) | ItemStore.F_STALE) & ~ItemStore.F_TOKEN_SENT);
                ItemStore.cas(it, mf.newCas != 0 ? mf.newCas : store.nextCas());
                skip = noreply;
                out.writeBytes(hd());
            } else {
                stats.deleteHits++;
                store.delete(slot);
                skip = noreply;
                out.writeBytes(hd());
            }
        } else {
            stats.deleteMisses++;
            out.writeBytes(L_NF);
        }
        for (int i = 2; i < ntokens - 1; i++) {
            byte f = in.getByte(ts[i]);
            if (f == 'O') {
                out.writeByte(' ').writeBytes(in, ts[i], tl[i]);
            } else if (f == 'k') {
                requestKey();
            }
        }
        out.writeBytes(CRLF);
        if (skip) {
            out.writerIndex(mark);
        }
        noreply = false;
    }

    private void marithmetic() {
        if (ntokens < 3) {
            str(ERROR);
            return;
        }
        if (tl[1] > ItemStore.KEY_MAX_LENGTH) {
            str(BAD_FORMAT);
            return;
        }
        if (ntokens > MFLAG_MAX_OPT_LENGTH) {
            str(FLAGS_TOO_LONG);
            return;
        }
        if (!preparse(2)) {
            errstr(INVALID_OR_DUPLICATE_FLAG);
            return;
        }
        long delta = mf.seen['D'] ? mf.delta : 1;
        noreply = mf.noReply;
        boolean incr;
        switch (mf.mode) {
            case 0, 'I', '+' -> incr = true;
            case 'D', '-' -> incr = false;
            default -> {
                errstr(L_CLIENT_ERROR_INVALID_MODE_FOR_MA_M_TOKEN);
                return;
            }
        }
        int mark = out.writerIndex();
        int slot = store.get(keyBuf, keyOff, keyLen);
        boolean created = false;
        boolean skip = false;
        if (slot >= 0) {
            int r = store.delta(slot, incr, delta, mf.hasCas ? mf.reqCas : 0, mf.newCas);
            switch (r) {
                case ItemStore.STORED -> {
                    if (incr) {
                        stats.incrHits++;
                    } else {
                        stats.decrHits++;
                    }
                    skip = noreply;
                }
                case ItemStore.NON_NUMERIC -> {
                    errstr(NON_NUMERIC);
                    return;
                }
                case ItemStore.EXISTS -> {
                    out.writeBytes(L_EX);
                    slot = -1;
                }
                default -> {
                    errstr(OUT_OF_MEMORY);
                    return;
                }
            }
        } else if (mf.vivify) {
            slot = store.storeNumber(keyBuf, keyOff, keyLen, 0, mf.initial, mf.newCas, mf.keyBinary);
            if (slot < 0) {
                errstr(L_SERVER_ERROR_OUT_OF_MEMORY_ALLOCATING_NE);
                return;
            }
            created = true;
            skip = noreply;
        } else {
            if (incr) {
                stats.incrMisses++;
            } else {
                stats.decrMisses++;
            }
            out.writeBytes(L_NF);
        }
        if (slot >= 0) {
            byte[] it = store.item(slot);
            if (mf.value) {
                out.writeBytes(L_VA);
                writeUnsigned(store.deltaLength);
            } else {
                out.writeBytes(hd());
            }
            for (int i = 2; i < ntokens - 1; i++) {
                switch (in.getByte(ts[i])) {
                    case 'c' -> {
                        out.writeByte(' ').writeByte('c');
                        writeUnsigned(ItemStore.cas(it));
                    }
                    case 't' -> {
                        out.writeByte(' ').writeByte('t');
                        int exp = ItemStore.exptime(it);
                        if (exp == 0) {
                            out.writeBytes(L_1);
                        } else {
                            writeUnsigned((exp - node.clock.now()) & 0xFFFFFFFFL);
                        }
                    }
                    case 'T' -> ItemStore.exptime(it, mf.exptime);
                    case 'N' -> {
                        if (created) {
                            ItemStore.exptime(it, mf.autovivExptime);
                        }
                    }
                    case 'O' -> {
                        if (tl[i] > MFLAG_MAX_OPAQUE_LENGTH) {
                            out.writerIndex(mark);
                            errstr(OPAQUE_TOO_LONG);
                            return;
                        }
                        out.writeByte(' ').writeBytes(in, ts[i], tl[i]);
                    }
                    case 'k' -> requestKey();
                    default -> {
                    }
                }
            }
            if (mf.value) {
                out.writeBytes(CRLF).writeBytes(store.deltaDigits, 0, store.deltaLength);
            }
        } else {
            for (int i = 2; i < ntokens - 1; i++) {
                byte f = in.getByte(ts[i]);
                if (f == 'O') {
                    if (tl[i] > MFLAG_MAX_OPAQUE_LENGTH) {
                        out.writerIndex(mark);
                        errstr(OPAQUE_TOO_LONG);
                        return;
                    }
                    out.writeByte(' ').writeBytes(in, ts[i], tl[i]);
                } else if (f == 'k') {
                    requestKey();
                }
            }
        }
        out.writeBytes(CRLF);
        if (skip) {
            out.writerIndex(mark);
        }
        noreply = false;
    }

    private void mdebug() {
        if (ntokens < 3 || tl[1] > ItemStore.KEY_MAX_LENGTH) {
            str(BAD_FORMAT);
            return;
        }
        keyBuf = in;
        keyOff = ts[1];
        keyLen = tl[1];
        if (ntokens >= 4 && tl[2] == 1 && in.getByte(ts[2]) == 'b') {
            if (!decodeKey()) {
                str(BAD_FORMAT);
                return;
            }
        }
        int slot = store.get(keyBuf, keyOff, keyLen);
        if (slot < 0) {
            str(L_EN);
            return;
        }
        byte[] it = store.item(slot);
        int now = node.clock.now();
        out.writeBytes(L_ME);
        int nkey = ItemStore.nkey(it);
        if ((ItemStore.itemFlags(it) & ItemStore.F_KEY_BINARY) != 0) {
            out.writeBytes(Base64.getEncoder().encode(java.util.Arrays.copyOfRange(it, ItemStore.HDR, ItemStore.HDR + nkey)));
        } else {
            out.writeBytes(it, ItemStore.HDR, nkey);
        }
        int exp = ItemStore.exptime(it);
        out.writeBytes(L_EXP);
        writeSigned(exp == 0 ? -1 : now - exp);
        out.writeBytes(L_LA);
        writeUnsigned((now - ItemStore.time(it)) & 0xFFFFFFFFL);
        out.writeBytes(L_CAS);
        writeUnsigned(ItemStore.cas(it));
        out.writeBytes((ItemStore.itemFlags(it) & ItemStore.F_FETCHED) != 0 ? L_FETCH_YES : L_FETCH_NO);
        out.writeBytes(L_CLS);
        writeUnsigned(store.classOf(slot));
        out.writeBytes(L_SIZE);
        writeUnsigned(store.ntotal(nkey, ItemStore.flags(it), ItemStore.valueLength(it)));
        out.writeBytes(CRLF);
    }

    static byte[] b(String s) {
        return s.getBytes(US_ASCII);
    }
}
