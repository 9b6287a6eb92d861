package dev.cachalot.engine.memcached;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * memcached's binary protocol for one connection (24-byte headers, magic 0x80 requests and 0x81
 * responses), with its quiet variants and SASL PLAIN authentication, as memcached 1.6's
 * {@code proto_bin.c} answers: status codes and error bodies, the store-mode mapping (a non-zero CAS turns
 * SET, ADD and REPLACE into CAS), and protocol errors (bad magic, bad extras or key lengths) that close
 * the connection.
 */
final class BinaryProtocol {

    static final int NEED_MORE = TextProtocol.NEED_MORE;
    static final int DONE = TextProtocol.DONE;
    static final int CLOSE = TextProtocol.CLOSE;

    static final int HEADER = 24;
    static final int REQ_MAGIC = 0x80;
    static final int RES_MAGIC = 0x81;

    static final int GET = 0x00;
    static final int SET = 0x01;
    static final int ADD = 0x02;
    static final int REPLACE = 0x03;
    static final int DELETE = 0x04;
    static final int INCREMENT = 0x05;
    static final int DECREMENT = 0x06;
    static final int QUIT = 0x07;
    static final int FLUSH = 0x08;
    static final int GETQ = 0x09;
    static final int NOOP = 0x0a;
    static final int VERSION = 0x0b;
    static final int GETK = 0x0c;
    static final int GETKQ = 0x0d;
    static final int APPEND = 0x0e;
    static final int PREPEND = 0x0f;
    static final int STAT = 0x10;
    static final int SETQ = 0x11;
    static final int ADDQ = 0x12;
    static final int REPLACEQ = 0x13;
    static final int DELETEQ = 0x14;
    static final int INCREMENTQ = 0x15;
    static final int DECREMENTQ = 0x16;
    static final int QUITQ = 0x17;
    static final int FLUSHQ = 0x18;
    static final int APPENDQ = 0x19;
    static final int PREPENDQ = 0x1a;
    static final int VERBOSITY = 0x1b;
    static final int TOUCH = 0x1c;
    static final int GAT = 0x1d;
    static final int GATQ = 0x1e;
    static final int SASL_LIST_MECHS = 0x20;
    static final int SASL_AUTH = 0x21;
    static final int SASL_STEP = 0x22;
    static final int GATK = 0x23;
    static final int GATKQ = 0x24;

    static final int SUCCESS = 0x00;
    static final int KEY_ENOENT = 0x01;
    static final int KEY_EEXISTS = 0x02;
    static final int E2BIG = 0x03;
    static final int EINVAL = 0x04;
    static final int NOT_STORED = 0x05;
    static final int DELTA_BADVAL = 0x06;
    static final int AUTH_ERROR = 0x20;
    static final int UNKNOWN_COMMAND = 0x81;
    static final int ENOMEM = 0x82;

    /** Largest body of a command that carries no value; anything bigger is a protocol error. */
    private static final int MAX_NON_VALUE_BODY = 64 * 1024;

    private final MemcachedNode node;
    private final MemcachedConnection conn;
    private final ItemStore store;
    private final MemcachedStats stats;
    private ByteBuf in;
    private ByteBuf out;
    private int opcode;
    private int opaque;

    BinaryProtocol(MemcachedNode node, MemcachedConnection conn) {
        this.node = node;
        this.conn = conn;
        this.store = node.store;
        this.stats = node.stats;
    }

    int process(ByteBuf in, ByteBuf out) {
        this.in = in;
        this.out = out;
        int p = in.readerIndex();
        if (in.readableBytes() < 1) {
            return NEED_MORE;
        }
        if ((in.getByte(p) & 0xFF) != REQ_MAGIC) {
            return CLOSE; // memcached: "Invalid magic", the connection is closed
        }
        if (in.readableBytes() < HEADER) {
            return NEED_MORE;
        }
        opcode = in.getUnsignedByte(p + 1);
        int keylen = in.getUnsignedShort(p + 2);
        int extlen = in.getUnsignedByte(p + 4);
        long bodylen = in.getUnsignedInt(p + 8);
        opaque = in.getInt(p + 12);
        long cas = in.getLong(p + 16);
        if (keylen + extlen > bodylen) {
            return protocolError();
        }
        if (keylen > ItemStore.KEY_MAX_LENGTH) {
            return protocolError();
        }
        if (node.saslEnabled() && !conn.authenticated() && opcode != SASL_LIST_MECHS && opcode != SASL_AUTH
                && opcode != SASL_STEP && opcode != VERSION) {
            if (in.readableBytes() < HEADER + keylen + extlen) {
                return NEED_MORE;
            }
            in.readerIndex(p + HEADER + keylen + extlen);
            error(AUTH_ERROR);
            conn.swallow(bodylen - keylen - extlen);
            return DONE;
        }
        boolean storage = isStorage(opcode);
        if (!storage && bodylen > MAX_NON_VALUE_BODY) {
            return protocolError();
        }
        int keyOff = p + HEADER + extlen;
        long vlen = bodylen - keylen - extlen;
        if (storage) {
            int wantExt = opcode == APPEND || opcode == APPENDQ || opcode == PREPEND || opcode == PREPENDQ ? 0 : 8;
            if (extlen != wantExt || keylen == 0) {
                return protocolError();
            }
            if (in.readableBytes() < HEADER + extlen + keylen) {
                return NEED_MORE;
            }
            int flags = wantExt == 8 ? in.getInt(p + HEADER) : 0;
            if (!store.sizeOk(keylen, flags, vlen)) {
                in.readerIndex(p + HEADER + extlen + keylen);
                stats.storeTooLarge++;
                error(E2BIG);
                conn.swallow(vlen);
                return DONE;
            }
        }
        if (in.readableBytes() < HEADER + bodylen) {
            return NEED_MORE;
        }
        in.readerIndex(p + HEADER + (int) bodylen);
        return dispatch(p, keyOff, keylen, extlen, (int) vlen, cas);
    }

    private static boolean isStorage(int op) {
        return switch (op) {
            case SET, SETQ, ADD, ADDQ, REPLACE, REPLACEQ, APPEND, APPENDQ, PREPEND, PREPENDQ -> true;
            default -> false;
        };
    }

    private int protocolError() {
        in.readerIndex(in.writerIndex());
        error(EINVAL);
        return CLOSE;
    }

    private int dispatch(int p, int keyOff, int keylen, int extlen, int vlen, long cas) {
        int valOff = keyOff + keylen;
        switch (opcode) {
            case GET, GETQ, GETK, GETKQ -> {
                if (extlen != 0 || keylen == 0 || vlen != 0) {
                    return protocolError();
                }
                get(keyOff, keylen, false, 0);
            }
            case GAT, GATQ, GATK, GATKQ, TOUCH -> {
                if (extlen != 4 || keylen == 0 || vlen != 0) {
                    return protocolError();
                }
                get(keyOff, keylen, true, node.clock.realtime(in.getUnsignedInt(p + HEADER)));
            }
            case SET, SETQ, ADD, ADDQ, REPLACE, REPLACEQ -> {
                int mode = switch (opcode) {
                    case ADD, ADDQ -> ItemStore.ADD;
                    case REPLACE, REPLACEQ -> ItemStore.REPLACE;
                    default -> ItemStore.SET;
                };
                if (cas != 0) {
                    mode = ItemStore.CAS;
                }
                int flags = in.getInt(p + HEADER);
                int exptime = node.clock.realtime(in.getUnsignedInt(p + HEADER + 4));
                stats.cmdSet++;
                int r = store.store(mode, in, keyOff, keylen, flags, exptime, in, valOff, vlen, cas, false, 0, false);
                storeResult(r, mode);
            }
            case APPEND, APPENDQ, PREPEND, PREPENDQ -> {
                int mode = opcode == APPEND || opcode == APPENDQ ? ItemStore.APPEND : ItemStore.PREPEND;
                stats.cmdSet++;
                int r = store.store(mode, in, keyOff, keylen, 0, 0, in, valOff, vlen, cas, false, 0, false);
                storeResult(r, mode);
            }
            case DELETE, DELETEQ -> {
                if (extlen != 0 || keylen == 0 || vlen != 0) {
                    return protocolError();
                }
                int slot = store.get(in, keyOff, keylen);
                if (slot < 0) {
                    stats.deleteMisses++;
                    error(KEY_ENOENT);
                } else if (cas != 0 && cas != ItemStore.cas(store.item(slot))) {
                    error(KEY_EEXISTS);
                } else {
                    stats.deleteHits++;
                    store.delete(slot);
                    success(0, 0, 0);
                }
            }
            case INCREMENT, INCREMENTQ, DECREMENT, DECREMENTQ -> {
                if (extlen != 20 || keylen == 0 || vlen != 0) {
                    return protocolError();
                }
                arithmetic(p, keyOff, keylen, cas, opcode == INCREMENT || opcode == INCREMENTQ);
            }
            case QUIT, QUITQ -> {
                if (opcode == QUIT) {
                    header(SUCCESS, 0, 0, 0, 0);
                }
                return CLOSE;
            }
            case FLUSH, FLUSHQ -> {
                if (keylen != 0 || vlen != 0 || (extlen != 0 && extlen != 4)) {
                    return protocolError();
                }
                long exptime = extlen == 4 ? in.getUnsignedInt(p + HEADER) : 0;
                stats.cmdFlush++;
                store.flush(exptime > 0 ? node.clock.realtime(exptime) : 0);
                success(0, 0, 0);
            }
            case NOOP -> header(SUCCESS, 0, 0, 0, 0);
            case VERSION -> {
                byte[] v = node.version.getBytes(US_ASCII);
                header(SUCCESS, 0, 0, v.length, 0);
                out.writeBytes(v);
            }
            case STAT -> stat(in.toString(keyOff, keylen, US_ASCII));
            case VERBOSITY -> {
                if (extlen != 4 || keylen != 0 || vlen != 0) {
                    return protocolError();
                }
                node.verbosity = (int) Math.min(in.getUnsignedInt(p + HEADER), 2);
                success(0, 0, 0);
            }
            case SASL_LIST_MECHS -> {
                if (!node.saslEnabled()) {
                    error(UNKNOWN_COMMAND);
                } else {
                    byte[] mechs = TextProtocol.b("PLAIN");
                    header(SUCCESS, 0, 0, mechs.length, 0);
                    out.writeBytes(mechs);
                }
            }
            case SASL_AUTH, SASL_STEP -> {
                if (!node.saslEnabled()) {
                    error(UNKNOWN_COMMAND);
                } else {
                    saslAuth(keyOff, keylen, valOff, vlen);
                }
            }
            default -> error(UNKNOWN_COMMAND);
        }
        return DONE;
    }

    private boolean quiet() {
        return switch (opcode) {
            case GETQ, GETKQ, SETQ, ADDQ, REPLACEQ, DELETEQ, INCREMENTQ, DECREMENTQ, QUITQ, FLUSHQ, APPENDQ,
                 PREPENDQ, GATQ, GATKQ -> true;
            default -> false;
        };
    }

    private void get(int keyOff, int keylen, boolean touch, int exptime) {
        int slot = store.get(in, keyOff, keylen);
        boolean withKey = opcode == GETK || opcode == GETKQ || opcode == GATK || opcode == GATKQ;
        if (slot < 0) {
            if (touch) {
                stats.cmdTouch++;
                stats.touchMisses++;
            } else {
                stats.cmdGet++;
                stats.getMisses++;
            }
            if (quiet()) {
                return;
            }
            if (withKey) {
                header(KEY_ENOENT, keylen, 0, keylen, 0);
                out.writeBytes(in, keyOff, keylen);
            } else {
                error(KEY_ENOENT);
            }
            return;
        }
        if (touch) {
            store.touch(slot, exptime);
            stats.cmdTouch++;
            stats.touchHits++;
        } else {
            store.bump(slot);
            stats.cmdGet++;
            stats.getHits++;
            store.classGetHits[store.classOf(slot)]++;
        }
        byte[] it = store.item(slot);
        int nkey = withKey ? ItemStore.nkey(it) : 0;
        int vlen = opcode == TOUCH ? 0 : ItemStore.valueLength(it);
        header(SUCCESS, nkey, 4, 4 + nkey + vlen, ItemStore.cas(it));
        out.writeInt(ItemStore.flags(it));
        if (withKey) {
            out.writeBytes(it, ItemStore.HDR, nkey);
        }
        out.writeBytes(it, ItemStore.valueOffset(it), vlen);
    }

    private void storeResult(int r, int mode) {
        switch (r) {
            case ItemStore.STORED -> success(0, 0, store.lastCas);
            case ItemStore.EXISTS -> error(KEY_EEXISTS);
            case ItemStore.NOT_FOUND -> error(KEY_ENOENT);
            case ItemStore.TOO_LARGE -> error(E2BIG);
            case ItemStore.NO_MEMORY -> error(ENOMEM);
            default -> error(mode == ItemStore.ADD ? KEY_EEXISTS : mode == ItemStore.REPLACE ? KEY_ENOENT : NOT_STORED);
        }
    }

    private void arithmetic(int p, int keyOff, int keylen, long cas, boolean incr) {
        long delta = in.getLong(p + HEADER);
        long initial = in.getLong(p + HEADER + 8);
        long expiration = in.getUnsignedInt(p + HEADER + 16);
        int slot = store.get(in, keyOff, keylen);
        if (slot < 0) {
            if (expiration == 0xFFFFFFFFL) {
                if (incr) {
                    stats.incrMisses++;
                } else {
                    stats.decrMisses++;
                }
                error(KEY_ENOENT);
                return;
            }
            int created = store.storeNumber(in, keyOff, keylen, node.clock.realtime(expiration), initial, 0, false);
            if (created < 0) {
                error(ENOMEM);
                return;
            }
            if (!quiet()) {
                header(SUCCESS, 0, 0, 8, store.lastCas);
                out.writeLong(initial);
            }
            return;
        }
        int r = store.delta(slot, incr, delta, cas, 0);
        switch (r) {
            case ItemStore.STORED -> {
                if (incr) {
                    stats.incrHits++;
                } else {
                    stats.decrHits++;
                }
                if (!quiet()) {
                    header(SUCCESS, 0, 0, 8, store.lastCas);
                    out.writeLong(Long.parseUnsignedLong(new String(store.deltaDigits, 0, store.deltaLength, US_ASCII)));
                }
            }
            case ItemStore.NON_NUMERIC -> error(DELTA_BADVAL);
            case ItemStore.EXISTS -> error(KEY_EEXISTS);
            default -> error(ENOMEM);
        }
    }

    private void stat(String group) {
        StatsReport.Sink sink = (name, value) -> {
            byte[] k = name.getBytes(US_ASCII);
            byte[] v = value.getBytes(US_ASCII);
            header(SUCCESS, k.length, 0, k.length + v.length, 0);
            out.writeBytes(k).writeBytes(v);
        };
        switch (group) {
            case "" -> StatsReport.general(node, sink);
            case "settings" -> StatsReport.settings(node, sink);
            case "items" -> StatsReport.items(node, sink);
            case "slabs" -> StatsReport.slabs(node, sink);
            case "conns" -> StatsReport.conns(node, sink);
            case "sizes" -> sink.stat("sizes_status", "disabled");
            case "reset" -> stats.reset();
            default -> {
                error(KEY_ENOENT);
                return;
            }
        }
        header(SUCCESS, 0, 0, 0, 0);
    }

    /** SASL PLAIN: the value is {@code [authzid] NUL user NUL password}. */
    private void saslAuth(int keyOff, int keylen, int valOff, int vlen) {
        stats.authCmds++;
        String mech = in.toString(keyOff, keylen, US_ASCII);
        boolean ok = false;
        if (opcode == SASL_AUTH && mech.equals("PLAIN")) {
            byte[] v = new byte[vlen];
            in.getBytes(valOff, v);
            int first = indexOf(v, 0);
            int second = first < 0 ? -1 : indexOf(v, first + 1);
            if (second > 0) {
                String user = new String(v, first + 1, second - first - 1, StandardCharsets.UTF_8);
                byte[] password = java.util.Arrays.copyOfRange(v, second + 1, v.length);
                ok = node.checkSasl(user, password);
            }
        }
        if (ok) {
            conn.authenticated(true);
            byte[] body = TextProtocol.b("Authenticated");
            header(SUCCESS, 0, 0, body.length, 0);
            out.writeBytes(body);
        } else {
            stats.authErrors++;
            error(AUTH_ERROR);
        }
    }

    private static int indexOf(byte[] a, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private void success(int extlen, int bodyExtra, long cas) {
        if (quiet()) {
            return;
        }
        header(SUCCESS, 0, extlen, extlen + bodyExtra, cas);
    }

    private void error(int status) {
        byte[] text = TextProtocol.b(switch (status) {
            case KEY_ENOENT -> "Not found";
            case KEY_EEXISTS -> "Data exists for key.";
            case E2BIG -> "Too large.";
            case EINVAL -> "Invalid arguments";
            case NOT_STORED -> "Not stored.";
            case DELTA_BADVAL -> "Non-numeric server-side value for incr or decr";
            case AUTH_ERROR -> "Auth failure.";
            case UNKNOWN_COMMAND -> "Unknown command";
            case ENOMEM -> "Out of memory";
            default -> "UNHANDLED ERROR";
        });
        header(status, 0, 0, text.length, 0);
        out.writeBytes(text);
    }

    private void header(int status, int keylen, int extlen, int bodylen, long cas) {
        out.writeByte(RES_MAGIC).writeByte(opcode).writeShort(keylen).writeByte(extlen).writeByte(0)
                .writeShort(status).writeInt(bodylen).writeInt(opaque).writeLong(cas);
    }
}
