package dev.cachalot.engine.session;

import dev.cachalot.engine.protocol.resp.RespReply;

/**
 * What a session knows of its network connection: the reply writer (which holds the negotiated
 * protocol), a way to send it out-of-band data while another client's command runs (pub/sub
 * messages, invalidations, MONITOR lines), its buffer sizes for the limits, and closing it.
 * Implemented by the server's channel handler; data thread only.
 */
public interface ClientConnection {

    /** This connection's reply writer. Aimed at its pending output only while it executes or between {@link #beginPush()} and {@link #endPush()}. */
    RespReply reply();

    /**
     * Aims this connection's reply writer at its pending output (allocating it if needed) so that a
     * message can be appended after what it already has. Must be paired with {@link #endPush()}.
     */
    RespReply beginPush();

    /** Ends a push: checks the output-buffer limits and schedules one flush for what was appended. */
    void endPush();

    /** Bytes written to this client but not yet sent (Redis's omem, as far as the JVM can see it). */
    long outputBufferBytes();

    /** Bytes received from this client and not yet executed (Redis's qbuf). */
    int queryBufferBytes();

    /** Applies client-output-buffer-limit now; false when the connection was closed for it. */
    boolean checkOutputLimits();

    /** Closes the connection now, dropping what has not been sent. */
    void kill();
}
