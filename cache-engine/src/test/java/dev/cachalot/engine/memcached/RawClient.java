package dev.cachalot.engine.memcached;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Bytes in, bytes out, over a real socket: for exact-reply and bad-input tests. */
final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    RawClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
    }

    void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    void send(String ascii) throws IOException {
        send(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Reads until the reply ends with {@code suffix}, the peer closes ({@code <CLOSED>}), or 3 s pass. */
    String readUntil(String suffix) throws IOException {
        return readUntil(suffix, 1);
    }

    /** Reads until the reply ends with {@code suffix} and holds it {@code times} times (or closes, or 3 s pass). */
    String readUntil(String suffix, int times) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        socket.setSoTimeout(3000);
        byte[] buf = new byte[65536];
        try {
            while (true) {
                String s = got.toString(StandardCharsets.ISO_8859_1);
                if (!suffix.isEmpty() && s.endsWith(suffix) && occurrences(s, suffix) >= times) {
                    return s;
                }
                int n = in.read(buf);
                if (n < 0) {
                    return s + "<CLOSED>";
                }
                got.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            return got.toString(StandardCharsets.ISO_8859_1) + "<TIMEOUT>";
        }
    }

    private static int occurrences(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** Waits (up to 30 s) for the server to close the connection. */
    boolean readUntilClosed() throws IOException {
        socket.setSoTimeout(30_000);
        try {
            byte[] buf = new byte[1024];
            while (in.read(buf) >= 0) {
                // discard
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** Reads exactly n bytes. */
    byte[] readBytes(int n) throws IOException {
        socket.setSoTimeout(5000);
        return in.readNBytes(n);
    }

    /** Sends a request followed by {@code mn} and returns everything before the final {@code MN}. */
    String call(String request) throws IOException {
        // a request may hold mn commands of its own: wait for their MN and for ours, however the
        // reply is split into reads
        int mns = occurrences("\r\n" + request, "\r\nmn\r\n") + 1;
        send(request + "mn\r\n");
        String reply = readUntil("MN\r\n", mns);
        return reply.endsWith("MN\r\n") ? reply.substring(0, reply.length() - 4) : reply;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
