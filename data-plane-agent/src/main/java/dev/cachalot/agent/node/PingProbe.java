package dev.cachalot.agent.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The node health check over a fresh connection: a RESP {@code PING}, healthy only on a real
 * {@code +PONG}; for memcached nodes {@code version}, healthy on {@code VERSION ...}. A fresh connection
 * each time also proves that the node still accepts clients.
 */
public final class PingProbe {

    private static final byte[] PING = "PING\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG = "+PONG\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERSION = "version\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERSION_REPLY = "VERSION ".getBytes(StandardCharsets.US_ASCII);

    private PingProbe() {
    }

    /** The engine's health check. */
    public static boolean healthy(Engine engine, int port, Duration timeout) {
        return engine.resp() ? ping(port, timeout) : exchange(port, timeout, VERSION, VERSION_REPLY);
    }

    public static boolean ping(int port, Duration timeout) {
        return exchange(port, timeout, PING, PONG);
    }

    private static boolean exchange(int port, Duration timeout, byte[] request, byte[] expected) {
        int millis = (int) Math.max(1, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), millis);
            socket.setSoTimeout(millis);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(expected.length);
            return java.util.Arrays.equals(reply, expected);
        } catch (IOException e) {
            return false;
        }
    }
}
