package dev.cachalot.engine;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal RESP2 client for differential tests: sends a command as a multibulk and renders the
 * reply in a canonical text form that keeps every distinction of the protocol ("+OK", "$3:abc",
 * "$nil", ":1", "-ERR …", "*2[…]", "*nil"), so two servers can be compared byte for byte in meaning.
 */
public final class RespClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RespClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    public String call(String... args) throws IOException {
        byte[][] b = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            b[i] = args[i].getBytes(StandardCharsets.ISO_8859_1);
        }
        return render(callRaw(b));
    }

    public Object callRaw(byte[]... args) throws IOException {
        send(args);
        return read();
    }

    public void send(byte[]... args) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        buf.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : args) {
            buf.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            buf.writeBytes(a);
            buf.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write(buf.toByteArray());
        out.flush();
    }

    /** A reply: String for +, Err for -, Long for :, byte[] for $, List for *, null for nil. */
    public record Err(String message) {
    }

    public record Nil(char type) {
    }

    public Object read() throws IOException {
        int t = in.read();
        String line = line();
        switch (t) {
            case '+':
                return line;
            case '-':
                return new Err(line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return new Nil('$');
                }
                byte[] b = in.readNBytes(n);
                in.readNBytes(2);
                return b;
            }
            case '*': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return new Nil('*');
                }
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    list.add(read());
                }
                return list;
            }
            default:
                throw new IOException("unexpected reply type " + t + " " + line);
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (;;) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c == '\r') {
                in.read();
                return sb.toString();
            }
            sb.append((char) c);
        }
    }

    public static String render(Object r) {
        if (r instanceof String s) {
            return "+" + s;
        }
        if (r instanceof Err e) {
            return "-" + e.message();
        }
        if (r instanceof Long l) {
            return ":" + l;
        }
        if (r instanceof byte[] b) {
            return "$" + new String(b, StandardCharsets.ISO_8859_1);
        }
        if (r instanceof Nil n) {
            return n.type() + "nil";
        }
        List<?> list = (List<?>) r;
        StringBuilder sb = new StringBuilder("*[");
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(render(list.get(i)));
        }
        return sb.append(']').toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
