package dev.cachalot.agent.node;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies configuration directives to a running node over RESP: {@code CONFIG GET} first (a value
 * the engine already has needs no change), then {@code CONFIG SET}. A directive the engine refuses
 * is reported, not fatal: the node keeps running without it.
 */
public final class EngineConfigClient {

    private EngineConfigClient() {
    }

    /**
     * @return the directives the engine did not accept, with its error reply
     * @throws IOException when the node cannot be reached or stops answering (the caller retries)
     */
    public static Map<String, String> apply(int port, Map<String, String> directives, Duration timeout) throws IOException {
        Map<String, String> refused = new LinkedHashMap<>();
        if (directives.isEmpty()) {
            return refused;
        }
        int millis = (int) Math.max(1, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), millis);
            socket.setSoTimeout(millis);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (Map.Entry<String, String> d : directives.entrySet()) {
                send(out, "CONFIG", "GET", d.getKey());
                Object current = read(in);
                if (current instanceof List<?> pairs && pairs.size() >= 2 && d.getValue().equals(pairs.get(1))) {
                    continue;
                }
                send(out, "CONFIG", "SET", d.getKey(), d.getValue());
                Object reply = read(in);
                if (reply instanceof RespError error) {
                    refused.put(d.getKey(), error.message());
                }
            }
        }
        return refused;
    }

    private record RespError(String message) {}

    private static void send(OutputStream out, String... args) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            frame.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            frame.writeBytes(bytes);
            frame.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** One RESP2 reply: a String, a Long, null, a RespError or a List of those. */
    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new IOException("the node closed the connection");
        }
        String line = readLine(in);
        return switch (type) {
            case '+' -> line;
            case '-' -> new RespError(line);
            case ':' -> Long.parseLong(line);
            case '$' -> {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    yield null;
                }
                byte[] bytes = in.readNBytes(length);
                readLine(in);
                yield new String(bytes, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int count = Integer.parseInt(line);
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    items.add(read(in));
                }
                yield items;
            }
            default -> throw new IOException("unexpected RESP reply type '" + (char) type + "'");
        };
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\r'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the node closed the connection");
            }
            line.write(c);
        }
        if (in.read() != '\n') {
            throw new IOException("malformed RESP line");
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
