package dev.cachalot.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Raw RESP over a socket: send bytes, collect the reply bytes until the connection is quiet or closed. */
public final class TestRaw {

    private TestRaw() {
    }

    /** Sends {@code request} (ISO-8859-1) on a fresh connection and returns what came back within the quiet period. */
    public static String exchange(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return send(s, request);
        }
    }

    /**
     * Sends on an open socket and reads until 300 ms pass without more bytes (or the peer closes:
     * "&lt;closed&gt;" is appended). The first byte may take up to 10 s (a cold node on a busy machine).
     */
    public static String send(Socket s, String request) throws IOException {
        s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        return read(s, 300, 10_000);
    }

    /** What arrives until {@code quietMs} pass without bytes (possibly nothing). */
    public static String read(Socket s, int quietMs) throws IOException {
        return read(s, quietMs, quietMs);
    }

    static String read(Socket s, int quietMs, int firstByteMs) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            s.setSoTimeout(got.size() == 0 ? firstByteMs : quietMs);
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException quiet) {
                break;
            } catch (IOException reset) {
                got.writeBytes("<closed>".getBytes(StandardCharsets.ISO_8859_1));
                break;
            }
            if (n < 0) {
                got.writeBytes("<closed>".getBytes(StandardCharsets.ISO_8859_1));
                break;
            }
            got.write(buf, 0, n);
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }
}
