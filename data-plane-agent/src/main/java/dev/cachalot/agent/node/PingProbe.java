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
 * The node health check: a RESP {@code PING} over a fresh connection, healthy only on a real
 * {@code +PONG}. A fresh connection each time also proves that the node still accepts clients.
 */
public final class PingProbe {

    private static final byte[] PING = "PING\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG = "+PONG\r\n".getBytes(StandardCharsets.US_ASCII);

    private PingProbe() {
    }

    public static boolean ping(int port, Duration timeout) {
        int millis = (int) Math.max(1, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), millis);
            socket.setSoTimeout(millis);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(PING);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(PONG.length);
            return java.util.Arrays.equals(reply, PONG);
        } catch (IOException e) {
            return false;
        }
    }
}
