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
    private final ClientConnection connection;

    public ClientSession(long id, SocketAddress remote, SocketAddress local, long nowMs, ClientConnection connection) {
        this.id = id;
        this.remote = remote;
        this.local = local;
        this.createdMs = nowMs;
        this.lastInteractionMs = nowMs;
        this.connection = connection;
    }

    /** The network side: reply writer, out-of-band pushes, buffer sizes. */
    public ClientConnection connection() {
        return connection;
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
