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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Configures a running memcached node over its admin channel, the memcached-side counterpart of
 * {@link EngineConfigClient}: {@code config set <setting> <token> <value>} for each directive and
 * {@code config set cluster <token> <bytes>} with the Auto Discovery list. The node accepts these only
 * over loopback and with the token of its {@code --admin-token-file}, which only the agent can read.
 * A directive the node refuses is reported, not fatal.
 */
public final class MemcachedAdminClient {

    private MemcachedAdminClient() {
    }

    /**
     * @return the directives the node did not accept, with its reply
     * @throws IOException when the node cannot be reached or does not answer (the caller retries)
     */
    public static Map<String, String> apply(int port, Path tokenFile, Map<String, String> directives,
                                            DesiredNode.AutoDiscovery discovery, Duration timeout) throws IOException {
        Map<String, String> refused = new LinkedHashMap<>();
        String token = Files.readString(tokenFile, StandardCharsets.US_ASCII).strip();
        int millis = (int) Math.max(1, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), millis);
            socket.setSoTimeout(millis);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (Map.Entry<String, String> d : directives.entrySet()) {
                if (d.getValue().isEmpty() || d.getValue().contains(" ")) {
                    refused.put(d.getKey(), "CLIENT_ERROR bad value");
                    continue;
                }
                write(out, "config set " + d.getKey() + " " + token + " " + d.getValue() + "\r\n");
                String reply = readLine(in);
                if (!reply.equals("OK")) {
                    refused.put(d.getKey(), reply);
                }
            }
            if (discovery != null) {
                byte[] payload = discovery.payload().getBytes(StandardCharsets.US_ASCII);
                write(out, "config set cluster " + token + " " + payload.length + "\r\n"
                        + discovery.payload() + "\r\n");
                String reply = readLine(in);
                if (!reply.equals("STORED") && !reply.equals("NOT_STORED")) {
                    throw new IOException("the node refused the Auto Discovery list: " + reply);
                }
            }
        }
        return refused;
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
        out.flush();
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
            throw new IOException("malformed reply line");
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
