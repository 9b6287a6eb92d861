package dev.cachalot.engine.session;

import dev.cachalot.engine.command.CommandSpec;
import dev.cachalot.engine.protocol.resp.RespRequest;
import dev.cachalot.engine.util.ByteKey;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Per-connection state that commands read and change: selected database, name, library, protocol
 * version, and whether to close after the pending replies. Confined to the data thread.
 */
public final class ClientSession {

    private final long id;
    private final SocketAddress remote;
    private final SocketAddress local;
    private final long createdMs;
    private int db;
    private String name;
    private String libName;
    private String libVer;
    private int resp = 2;
    private boolean closeAfterReply;
    private boolean closeAsap;
    private long lastInteractionNanos = System.nanoTime();
    private CommandSpec lastCommand;
    private final ClientConnection connection;
    // blocking commands (BLPOP…): where the blocking service and the connection handler meet
    private Runnable onCloseWhileBlocked;
    private java.util.function.Consumer<java.util.function.Consumer<dev.cachalot.engine.protocol.resp.RespReply>> replayer;

    // Redis's client flags that the gate and the reply path look at; 0 for a plain client, so that
    // one comparison keeps a plain GET/SET off every slow path.
    public static final int MULTI = 1;
    /** A watched key changed: EXEC will fail. */
    public static final int DIRTY_CAS = 1 << 1;
    /** A command was refused while queueing: EXEC will answer EXECABORT. */
    public static final int DIRTY_EXEC = 1 << 2;
    /** Has channel, pattern or shard-channel subscriptions. */
    public static final int PUBSUB = 1 << 3;
    public static final int TRACKING = 1 << 4;
    public static final int MONITOR = 1 << 5;
    /** CLIENT REPLY OFF. */
    public static final int REPLY_OFF = 1 << 6;
    /** CLIENT REPLY SKIP was the previous command: the next command's reply is dropped. */
    public static final int REPLY_SKIP_NEXT = 1 << 7;
    /** The current command's reply is dropped. */
    public static final int REPLY_SKIP = 1 << 8;
    public static final int NO_EVICT = 1 << 9;
    public static final int NO_TOUCH = 1 << 10;
    /** CLIENT CACHING yes/no was sent: applies to the next command only. */
    public static final int TRACKING_CACHING = 1 << 11;
    /** Flags that make the gate take its slow path. */
    public static final int GATE_FLAGS = MULTI | PUBSUB | TRACKING | REPLY_OFF | REPLY_SKIP_NEXT | TRACKING_CACHING;

    private int flags;
    private List<RespRequest> queued;
    private List<CommandSpec> queuedSpecs;
    private long queuedBytes;
    private List<WatchedKey> watched;
    private Set<ByteKey> channels;
    private Set<ByteKey> patterns;
    private Set<ByteKey> shardChannels;
    private TrackingState tracking;
    private boolean denyBlocking;

    /**
     * A key this client WATCHes, with its expiry time at WATCH (-1 if none): if that time passes before
     * EXEC without the key being modified, the key expired meanwhile and EXEC fails, as in Redis 7.
     */
    public record WatchedKey(int db, ByteKey key, long deadline) {
    }

    /** CLIENT TRACKING options of this client. */
    public static final class TrackingState {
        public long redirect = -1;
        public boolean bcast;
        public boolean optin;
        public boolean optout;
        public boolean noloop;
        /** CLIENT CACHING yes (OPTIN) or no (OPTOUT) for the next command. */
        public boolean caching;
        public final List<byte[]> prefixes = new ArrayList<>();
        /** The redirect target was gone when an invalidation had to be sent (CLIENT TRACKINGINFO's broken_redirect). */
        public boolean brokenRedirect;
    }

    public ClientSession(long id, SocketAddress remote, SocketAddress local, long nowMs, ClientConnection connection) {
        this.id = id;
        this.remote = remote;
        this.local = local;
        this.createdMs = nowMs;
        this.connection = connection;
    }

    /** The network side: reply writer, out-of-band pushes, buffer sizes. */
    public ClientConnection connection() {
        return connection;
    }

    public long id() {
        return id;
    }

    // ------------------------------------------------------------------------------ flags

    public int flags() {
        return flags;
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    public void set(int flag) {
        flags |= flag;
    }

    public void clear(int flag) {
        flags &= ~flag;
    }

    // ------------------------------------------------------------------------------ MULTI / WATCH

    public boolean inMulti() {
        return (flags & MULTI) != 0;
    }

    /** Enters MULTI with an empty queue. */
    public void beginMulti() {
        flags |= MULTI;
        queued = new ArrayList<>();
        queuedSpecs = new ArrayList<>();
        queuedBytes = 0;
    }

    public void queue(CommandSpec spec, RespRequest args) {
        queued.add(args);
        queuedSpecs.add(spec);
        queuedBytes += args.argBytes();
    }

    public List<RespRequest> queuedArgs() {
        return queued == null ? List.of() : queued;
    }

    public List<CommandSpec> queuedSpecs() {
        return queuedSpecs == null ? List.of() : queuedSpecs;
    }

    /** Bytes of queued arguments (CLIENT LIST multi-mem, the query-buffer limit). */
    public long queuedBytes() {
        return queuedBytes;
    }

    /** Leaves MULTI, dropping the queue and the DIRTY flags (not the watched keys). */
    public void endMulti() {
        flags &= ~(MULTI | DIRTY_CAS | DIRTY_EXEC);
        queued = null;
        queuedSpecs = null;
        queuedBytes = 0;
    }

    /** Watched keys, or an empty list. The WatchTable keeps the reverse index. */
    public List<WatchedKey> watched() {
        return watched == null ? List.of() : watched;
    }

    public void addWatched(WatchedKey k) {
        if (watched == null) {
            watched = new ArrayList<>();
        }
        watched.add(k);
    }

    public void clearWatched() {
        watched = null;
    }

    /** Whether blocking commands must answer at once instead of blocking (inside MULTI, as Redis's CLIENT_DENY_BLOCKING). */
    public boolean denyBlocking() {
        return denyBlocking;
    }

    public void denyBlocking(boolean deny) {
        this.denyBlocking = deny;
    }

    // ------------------------------------------------------------------------------ pub/sub

    public Set<ByteKey> channels() {
        if (channels == null) {
            channels = new LinkedHashSet<>();
        }
        return channels;
    }

    public Set<ByteKey> patterns() {
        if (patterns == null) {
            patterns = new LinkedHashSet<>();
        }
        return patterns;
    }

    public Set<ByteKey> shardChannels() {
        if (shardChannels == null) {
            shardChannels = new LinkedHashSet<>();
        }
        return shardChannels;
    }

    public int channelCount() {
        return channels == null ? 0 : channels.size();
    }

    public int patternCount() {
        return patterns == null ? 0 : patterns.size();
    }

    /** Channels plus patterns: the count SUBSCRIBE and PSUBSCRIBE replies carry. */
    public int subscriptionCount() {
        return (channels == null ? 0 : channels.size()) + (patterns == null ? 0 : patterns.size());
    }

    public int shardSubscriptionCount() {
        return shardChannels == null ? 0 : shardChannels.size();
    }

    /** Sets or clears the PUBSUB flag from the subscription counts. */
    public void updatePubSubFlag() {
        if (subscriptionCount() + shardSubscriptionCount() > 0) {
            flags |= PUBSUB;
        } else {
            flags &= ~PUBSUB;
        }
    }

    // ------------------------------------------------------------------------------ tracking

    /** CLIENT TRACKING state, or null when tracking is off. */
    public TrackingState tracking() {
        return tracking;
    }

    public void tracking(TrackingState t) {
        this.tracking = t;
        if (t == null) {
            flags &= ~(TRACKING | TRACKING_CACHING);
        } else {
            flags |= TRACKING;
        }
    }

    public int db() {
        return db;
    }

    public void selectDb(int db) {
        this.db = db;
    }

    public String name() {
        return name;
    }

    public void name(String name) {
        this.name = name;
    }

    public String libName() {
        return libName;
    }

    public void libName(String libName) {
        this.libName = libName;
    }

    public String libVer() {
        return libVer;
    }

    public void libVer(String libVer) {
        this.libVer = libVer;
    }

    public int resp() {
        return resp;
    }

    /** Switches the protocol of this connection's replies (HELLO, RESET). */
    public void resp(int resp) {
        this.resp = resp;
        connection.reply().protocol(resp);
    }

    public boolean closeAfterReply() {
        return closeAfterReply;
    }

    /** Close the connection once the replies produced so far are written (QUIT, protocol errors). */
    public void closeAfterReply(boolean close) {
        this.closeAfterReply = close;
    }

    /** Close at once, discarding replies not yet written (Redis's CLIENT_CLOSE_ASAP). */
    public void closeAsap() {
        this.closeAsap = true;
        this.closeAfterReply = true;
    }

    public boolean closingAsap() {
        return closeAsap;
    }

    public long createdMs() {
        return createdMs;
    }

    /** Seconds since the last command (CLIENT LIST idle, the timeout parameter). */
    public long idleSeconds() {
        return (System.nanoTime() - lastInteractionNanos) / 1_000_000_000L;
    }

    /** A command starts now ({@code System.nanoTime()}). */
    public void touch(long nanoTime, CommandSpec command) {
        this.lastInteractionNanos = nanoTime;
        this.lastCommand = command;
    }

    /** The last command's full name ("client|list"), or "NULL" before the first. */
    public String lastCommand() {
        return lastCommand == null ? "NULL" : lastCommand.fullName();
    }

    /** Whether the client waits in a blocking command; its further requests are not read meanwhile. */
    public boolean blocked() {
        return onCloseWhileBlocked != null;
    }

    /** Marks the client blocked ({@code onClose} runs if it disconnects meanwhile) or, with null, unblocked. */
    public void blocked(Runnable onClose) {
        this.onCloseWhileBlocked = onClose;
    }

    /** Set by the connection handler: how to write a reply outside a read batch. */
    public void replayer(java.util.function.Consumer<java.util.function.Consumer<dev.cachalot.engine.protocol.resp.RespReply>> replayer) {
        this.replayer = replayer;
    }

    /**
     * Writes a reply out of band (a blocked command served or timed out): {@code writer} fills this
     * connection's reply buffer, which is flushed; then the client's pending requests are processed.
     */
    public void replay(java.util.function.Consumer<dev.cachalot.engine.protocol.resp.RespReply> writer) {
        if (replayer != null) {
            replayer.accept(writer);
        }
    }

    /** The connection closed: a blocked client leaves its queues. */
    public void connectionClosed() {
        Runnable r = onCloseWhileBlocked;
        onCloseWhileBlocked = null;
        if (r != null) {
            r.run();
        }
    }

    /** Closes the connection at once (CLIENT KILL, shutdown). */
    public void kill() {
        connection.kill();
    }

    public String remoteAddress() {
        return format(remote);
    }

    public String localAddress() {
        return format(local);
    }

    private static String format(SocketAddress a) {
        if (a instanceof InetSocketAddress inet) {
            String host = inet.getAddress() == null ? inet.getHostString() : inet.getAddress().getHostAddress();
            return host + ":" + inet.getPort();
        }
        return String.valueOf(a);
    }
}
