package dev.cachalot.engine.metrics;

import dev.cachalot.engine.protocol.resp.RespReply;
import dev.cachalot.engine.protocol.resp.RespRequest;
import dev.cachalot.engine.session.ClientSession;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The clients in MONITOR mode and the line each executed command produces for them, in Redis's
 * format: {@code +1339518083.107412 [0 127.0.0.1:60866] "keys" "*"} (arguments escaped as
 * sdscatrepr does). Data thread only.
 */
public final class Monitors {

    private final List<ClientSession> monitors = new ArrayList<>();

    public boolean isEmpty() {
        return monitors.isEmpty();
    }

    public int size() {
        return monitors.size();
    }

    public void add(ClientSession s) {
        if (!monitors.contains(s)) {
            monitors.add(s);
        }
    }

    public void remove(ClientSession s) {
        monitors.remove(s);
    }

    /** Sends the command to every monitor (replicationFeedMonitors). */
    public void feed(ClientSession from, int db, RespRequest args) {
        java.time.Instant now = java.time.Instant.now();
        StringBuilder sb = new StringBuilder(64);
        sb.append(now.getEpochSecond()).append('.');
        String frac = Long.toString(now.getNano() / 1000);
        sb.append("0".repeat(6 - frac.length())).append(frac);
        sb.append(" [").append(db).append(' ').append(from.remoteAddress()).append(']');
        ByteBuf buf = args.buf();
        for (int i = 0; i < args.argc(); i++) {
            sb.append(' ');
            repr(sb, buf, args.offset(i), args.length(i));
        }
        String line = sb.toString();
        for (ClientSession m : monitors) {
            RespReply r = m.connection().beginPush();
            r.simple(line);
            m.connection().endPush();
        }
    }

    /** Redis's sdscatrepr: quoted, with \\ \" \n \r \t \a \b escaped and other non-printables as \xHH. */
    static void repr(StringBuilder sb, ByteBuf buf, int off, int len) {
        sb.append('"');
        for (int i = 0; i < len; i++) {
            int c = buf.getByte(off + i) & 0xff;
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 7 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                default -> {
                    if (c >= 32 && c < 127) {
                        sb.append((char) c);
                    } else {
                        sb.append(String.format("\\x%02x", c));
                    }
                }
            }
        }
        sb.append('"');
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
