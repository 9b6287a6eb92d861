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

    private static final byte[] STATS = "stats\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final java.util.regex.Pattern STAT_PID = java.util.regex.Pattern.compile("STAT pid (\\d+)");

    /** {@link #isProcess(int, long, Duration)} for any engine: memcached reports its pid in {@code stats}. */
    public static boolean isProcess(Engine engine, int port, long pid, Duration timeout) {
        return engine.resp() ? isProcess(port, pid, timeout) : reportsPid(port, pid, timeout, STATS, STAT_PID);
    }

    private static final byte[] INFO_SERVER = "INFO server\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final java.util.regex.Pattern PROCESS_ID = java.util.regex.Pattern.compile("process_id:(\\d+)");

    /**
     * Whether the process answering on the port is the given one ({@code INFO server}'s
     * {@code process_id}). On a shared machine another program may hold the port a node failed
     * to bind; without this check its PONG would pass for the node's.
     */
    public static boolean isProcess(int port, long pid, Duration timeout) {
        return reportsPid(port, pid, timeout, INFO_SERVER, PROCESS_ID);
    }

    private static boolean reportsPid(int port, long pid, Duration timeout, byte[] request, java.util.regex.Pattern field) {
        int millis = (int) Math.max(1, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), millis);
            socket.setSoTimeout(millis);
            OutputStream out = socket.getOutputStream();
            out.write(request);
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
                java.util.regex.Matcher m = field.matcher(reply);
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
