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

    private static final byte[] INFO_SERVER = "INFO server\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final java.util.regex.Pattern PROCESS_ID = java.util.regex.Pattern.compile("process_id:(\\d+)");

    /**
     * Whether the process answering on the port is the given one ({@code INFO server}'s
     * {@code process_id}). On a shared machine another program may hold the port a node failed
     * to bind; without this check its PONG would pass for the node's.
     */
    public static boolean isProcess(int port, long pid, Duration timeout) {
        int millis = (int) Math.max(1, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), millis);
            socket.setSoTimeout(millis);
            OutputStream out = socket.getOutputStream();
            out.write(INFO_SERVER);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder reply = new StringBuilder();
            byte[] buf = new byte[4096];
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                reply.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                java.util.regex.Matcher m = PROCESS_ID.matcher(reply);
                if (m.find() && reply.indexOf("\r\n", m.end()) >= 0) {
                    return Long.parseLong(m.group(1)) == pid;
                }
            }
            return false;
        } catch (IOException | NumberFormatException e) {
            return false;
        }
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
