package dev.cachalot.engine.pubsub;

import dev.cachalot.engine.protocol.resp.RespReply;
import dev.cachalot.engine.session.ClientSession;
import dev.cachalot.engine.util.ByteKey;
import dev.cachalot.engine.util.Glob;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The node's channels, patterns and shard channels with their subscribers (Redis's pubsub.c), and
 * delivery: a message is appended to each subscriber's pending output as a RESP3 push or a RESP2
 * array and flushed once after the publishing batch. Data thread only.
 */
public final class PubSub {

    private static final byte[] MESSAGE = RespReply.ascii("message");
    private static final byte[] PMESSAGE = RespReply.ascii("pmessage");
    private static final byte[] SMESSAGE = RespReply.ascii("smessage");

    private final Map<ByteKey, Set<ClientSession>> channels = new LinkedHashMap<>();
    private final Map<ByteKey, Set<ClientSession>> patterns = new LinkedHashMap<>();
    private final Map<ByteKey, Set<ClientSession>> shardChannels = new LinkedHashMap<>();

    /** Kinds of subscription, with their reply words. */
    public enum Kind {
        CHANNEL("subscribe", "unsubscribe"), PATTERN("psubscribe", "punsubscribe"), SHARD("ssubscribe", "sunsubscribe");

        final byte[] subscribeWord;
        final byte[] unsubscribeWord;

        Kind(String sub, String unsub) {
            this.subscribeWord = RespReply.ascii(sub);
            this.unsubscribeWord = RespReply.ascii(unsub);
        }
    }

    private Map<ByteKey, Set<ClientSession>> table(Kind kind) {
        return switch (kind) {
            case CHANNEL -> channels;
            case PATTERN -> patterns;
            case SHARD -> shardChannels;
        };
    }

    private static Set<ByteKey> own(ClientSession s, Kind kind) {
        return switch (kind) {
            case CHANNEL -> s.channels();
            case PATTERN -> s.patterns();
            case SHARD -> s.shardChannels();
        };
    }

    private static int count(ClientSession s, Kind kind) {
        return kind == Kind.SHARD ? s.shardSubscriptionCount() : s.subscriptionCount();
    }

    /** Subscribes and writes the confirmation (["subscribe", name, count]) to {@code r}. */
    public void subscribe(ClientSession s, Kind kind, ByteKey name, RespReply r) {
        if (own(s, kind).add(name)) {
            table(kind).computeIfAbsent(name, k -> new LinkedHashSet<>()).add(s);
        }
        s.updatePubSubFlag();
        confirm(r, kind.subscribeWord, name.bytes(), count(s, kind));
    }

    /** Unsubscribes from one name (subscribed or not) and writes the confirmation. */
    public void unsubscribe(ClientSession s, Kind kind, ByteKey name, RespReply r) {
        remove(s, kind, name);
        s.updatePubSubFlag();
        confirm(r, kind.unsubscribeWord, name.bytes(), count(s, kind));
    }

    /** Unsubscribes from every name of the kind; with none, one confirmation with a null name. */
    public void unsubscribeAll(ClientSession s, Kind kind, RespReply r) {
        List<ByteKey> names = new ArrayList<>(own(s, kind));
        if (names.isEmpty()) {
            if (r != null) {
                r.pushHeader(3);
                r.bulk(kind.unsubscribeWord);
                r.nullValue();
                r.integer(count(s, kind));
            }
            return;
        }
        for (ByteKey name : names) {
            unsubscribe(s, kind, name, r);
        }
    }

    /** Drops every subscription without replies (disconnect, RESET). */
    public void removeClient(ClientSession s) {
        for (Kind k : Kind.values()) {
            for (ByteKey name : new ArrayList<>(own(s, k))) {
                remove(s, k, name);
            }
        }
        s.updatePubSubFlag();
    }

    private void remove(ClientSession s, Kind kind, ByteKey name) {
        if (own(s, kind).remove(name)) {
            Set<ClientSession> subs = table(kind).get(name);
            if (subs != null) {
                subs.remove(s);
                if (subs.isEmpty()) {
                    table(kind).remove(name);
                }
            }
        }
    }

    private static void confirm(RespReply r, byte[] word, byte[] name, int count) {
        if (r == null) {
            return;
        }
        r.pushHeader(3);
        r.bulk(word);
        r.bulk(name);
        r.integer(count);
    }

    // ---------------------------------------------------------------------------------- publishing

    /** PUBLISH: delivers to channel subscribers and matching patterns; returns the number of receivers. */
    public int publish(ByteBuf buf, int chOff, int chLen, ByteBuf msgBuf, int msgOff, int msgLen) {
        if (channels.isEmpty() && patterns.isEmpty()) {
            return 0;
        }
        byte[] ch = new byte[chLen];
        buf.getBytes(chOff, ch);
        int receivers = 0;
        Set<ClientSession> subs = channels.get(new ByteKey(ch));
        if (subs != null) {
            for (ClientSession s : subs) {
                RespReply r = s.connection().beginPush();
                r.pushHeader(3);
                r.bulk(MESSAGE);
                r.bulk(ch);
                r.bulk(msgBuf, msgOff, msgLen);
                s.connection().endPush();
                receivers++;
            }
        }
        if (!patterns.isEmpty()) {
            String chText = new String(ch, StandardCharsets.ISO_8859_1);
            for (Map.Entry<ByteKey, Set<ClientSession>> e : patterns.entrySet()) {
                if (!Glob.matches(e.getKey().toString(), chText, false)) {
                    continue;
                }
                for (ClientSession s : e.getValue()) {
                    RespReply r = s.connection().beginPush();
                    r.pushHeader(4);
                    r.bulk(PMESSAGE);
                    r.bulk(e.getKey().bytes());
                    r.bulk(ch);
                    r.bulk(msgBuf, msgOff, msgLen);
                    s.connection().endPush();
                    receivers++;
                }
            }
        }
        return receivers;
    }

    /** PUBLISH of a message given as bytes (keyspace notifications). */
    public int publish(byte[] channel, byte[] message) {
        if (channels.isEmpty() && patterns.isEmpty()) {
            return 0;
        }
        return publish(Unpooled.wrappedBuffer(channel), 0, channel.length, Unpooled.wrappedBuffer(message), 0, message.length);
    }

    /** SPUBLISH: shard channel subscribers only. */
    public int spublish(ByteBuf buf, int chOff, int chLen, ByteBuf msgBuf, int msgOff, int msgLen) {
        if (shardChannels.isEmpty()) {
            return 0;
        }
        byte[] ch = new byte[chLen];
        buf.getBytes(chOff, ch);
        Set<ClientSession> subs = shardChannels.get(new ByteKey(ch));
        if (subs == null) {
            return 0;
        }
        for (ClientSession s : subs) {
            RespReply r = s.connection().beginPush();
            r.pushHeader(3);
            r.bulk(SMESSAGE);
            r.bulk(ch);
            r.bulk(msgBuf, msgOff, msgLen);
            s.connection().endPush();
        }
        return subs.size();
    }

    // ---------------------------------------------------------------------------------- PUBSUB

    /** Active channels (or shard channels) matching a glob, or all with null. */
    public List<byte[]> channels(Kind kind, String pattern) {
        List<byte[]> out = new ArrayList<>();
        for (ByteKey k : table(kind).keySet()) {
            if (pattern == null || Glob.matches(pattern, k.toString(), false)) {
                out.add(k.bytes());
            }
        }
        return out;
    }

    public int subscribers(Kind kind, byte[] name) {
        Set<ClientSession> s = table(kind).get(new ByteKey(name));
        return s == null ? 0 : s.size();
    }

    /** Distinct patterns with a subscriber (PUBSUB NUMPAT, INFO pubsub_patterns). */
    public int patternCount() {
        return patterns.size();
    }

    public int channelCount() {
        return channels.size();
    }

    public int shardChannelCount() {
        return shardChannels.size();
    }

    /** Whether someone subscribes to this channel name (tracking's RESP2 redirection checks PUBSUB mode). */
    public boolean isEmpty() {
        return channels.isEmpty() && patterns.isEmpty();
    }
}
