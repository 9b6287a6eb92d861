package dev.cachalot.engine.session;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

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
    private long lastInteractionMs;
    private String lastCommand = "NULL";
    private final Runnable killer;
    // blocking commands (BLPOP…): where the blocking service and the connection handler meet
    private Runnable onCloseWhileBlocked;
    private java.util.function.Consumer<java.util.function.Consumer<dev.cachalot.engine.protocol.resp.RespReply>> replayer;
    private boolean denyBlocking;

    public ClientSession(long id, SocketAddress remote, SocketAddress local, long nowMs, Runnable killer) {
        this.id = id;
        this.remote = remote;
        this.local = local;
        this.createdMs = nowMs;
        this.lastInteractionMs = nowMs;
        this.killer = killer;
    }

    public long id() {
        return id;
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

    public void resp(int resp) {
        this.resp = resp;
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

    public long lastInteractionMs() {
        return lastInteractionMs;
    }

    public void touch(long nowMs, String command) {
        this.lastInteractionMs = nowMs;
        this.lastCommand = command;
    }

    public String lastCommand() {
        return lastCommand;
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

    /** Whether blocking commands must answer at once instead of blocking (inside MULTI, as Redis's CLIENT_DENY_BLOCKING). */
    public boolean denyBlocking() {
        return denyBlocking;
    }

    public void denyBlocking(boolean deny) {
        this.denyBlocking = deny;
    }

    /** Closes the connection at once (CLIENT KILL, shutdown). */
    public void kill() {
        killer.run();
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
