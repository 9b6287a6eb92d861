import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.SplittableRandom;

/**
 * A memcached load generator for bench/memcached.sh: N connections driven by one thread (NIO), each
 * with one request in flight (no pipelining), a SET:GET mix over a key space of fixed-size values,
 * memcached's text protocol; prints throughput and latency percentiles from a histogram of every
 * request. Written because memcslap cannot mix sets and gets in one run and memcaslap reports no
 * percentiles (and, with one thread, cannot keep 50 connections busy: about 20k ops/s here).
 *
 *   java bench/McLoad.java --port P [--host 127.0.0.1] [--connections 50] [--seconds 10]
 *        [--sets 1 --gets 10] [--value-size 100] [--keys 100000] [--preload]
 *
 * Output (one line): ops=… seconds=… ops_per_s=… p50_us=… p99_us=… p999_us=… misses=… errors=…
 */
public final class McLoad {

    private static final int BUCKETS = 64 * 32; // log-linear: 32 sub-buckets per power of two, in ns

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = -1;
        int connections = 50;
        double seconds = 10;
        int sets = 1;
        int gets = 10;
        int valueSize = 100;
        int keys = 100_000;
        boolean preload = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--sets" -> sets = Integer.parseInt(args[++i]);
                case "--gets" -> gets = Integer.parseInt(args[++i]);
                case "--value-size" -> valueSize = Integer.parseInt(args[++i]);
                case "--keys" -> keys = Integer.parseInt(args[++i]);
                case "--preload" -> preload = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (port < 0) {
            throw new IllegalArgumentException("--port is required");
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        byte[] value = "v".repeat(valueSize).getBytes(StandardCharsets.US_ASCII);
        if (preload) {
            preload(address, keys, value);
        }
        run(address, connections, seconds, sets, gets, value, keys);
    }

    /** Writes every key once, pipelined with noreply, then waits for the server to catch up. */
    static void preload(InetSocketAddress address, int keys, byte[] value) throws IOException {
        try (SocketChannel ch = SocketChannel.open(address)) {
            ByteBuffer out = ByteBuffer.allocate(1 << 20);
            for (int k = 0; k < keys; k++) {
                byte[] line = ("set " + key(k) + " 0 0 " + value.length + " noreply\r\n").getBytes(StandardCharsets.US_ASCII);
                if (out.remaining() < line.length + value.length + 2) {
                    out.flip();
                    while (out.hasRemaining()) {
                        ch.write(out);
                    }
                    out.clear();
                }
                out.put(line).put(value).put((byte) '\r').put((byte) '\n');
            }
            out.put("mn\r\n".getBytes(StandardCharsets.US_ASCII)).flip();
            while (out.hasRemaining()) {
                ch.write(out);
            }
            ByteBuffer in = ByteBuffer.allocate(64);
            while (in.position() < 4) {
                ch.read(in);
            }
        }
    }

    static String key(int k) {
        return "key:" + String.format("%010d", k);
    }

    /** One connection's state: the request it is waiting for and the bytes of its reply so far. */
    static final class Conn {
        final SocketChannel ch;
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        ByteBuffer out;
        boolean isGet;
        long sentAt;

        Conn(SocketChannel ch) {
            this.ch = ch;
        }
    }

    static void run(InetSocketAddress address, int connections, double seconds, int sets, int gets, byte[] value, int keys)
            throws IOException {
        Selector selector = Selector.open();
        Conn[] conns = new Conn[connections];
        for (int i = 0; i < connections; i++) {
            SocketChannel ch = SocketChannel.open(address);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.configureBlocking(false);
            conns[i] = new Conn(ch);
            ch.register(selector, SelectionKey.OP_READ, conns[i]);
        }
        long[] histogram = new long[BUCKETS];
        SplittableRandom random = new SplittableRandom(42);
        int cycle = sets + gets;
        byte[][] getRequests = new byte[keys][];
        byte[][] setRequests = new byte[keys][];
        for (int k = 0; k < keys; k++) {
            getRequests[k] = ("get " + key(k) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] line = ("set " + key(k) + " 0 0 " + value.length + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] req = new byte[line.length + value.length + 2];
            System.arraycopy(line, 0, req, 0, line.length);
            System.arraycopy(value, 0, req, line.length, value.length);
            req[req.length - 2] = '\r';
            req[req.length - 1] = '\n';
            setRequests[k] = req;
        }
        long ops = 0;
        long misses = 0;
        long errors = 0;
        long counter = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        for (Conn c : conns) {
            send(c, counter++ % cycle < sets, random, getRequests, setRequests);
        }
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            selector.select(100);
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey key = it.next();
                it.remove();
                Conn c = (Conn) key.attachment();
                if (c.ch.read(c.in) < 0) {
                    throw new IOException("the server closed a connection");
                }
                int reply = complete(c);
                if (reply == 0) {
                    continue;
                }
                long t = System.nanoTime();
                histogram[bucket(t - c.sentAt)]++;
                ops++;
                if (reply == 2) {
                    misses++;
                } else if (reply == 3) {
                    errors++;
                }
                c.in.clear();
                if (t < end) {
                    send(c, counter++ % cycle < sets, random, getRequests, setRequests);
                }
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("ops=%d seconds=%.2f ops_per_s=%.0f p50_us=%.1f p99_us=%.1f p999_us=%.1f misses=%d errors=%d%n",
                ops, elapsed, ops / elapsed, percentile(histogram, ops, 0.50), percentile(histogram, ops, 0.99),
                percentile(histogram, ops, 0.999), misses, errors);
        for (Conn c : conns) {
            c.ch.close();
        }
    }

    static void send(Conn c, boolean set, SplittableRandom random, byte[][] gets, byte[][] sets) throws IOException {
        int k = random.nextInt(gets.length);
        c.isGet = !set;
        c.out = ByteBuffer.wrap(set ? sets[k] : gets[k]);
        c.sentAt = System.nanoTime();
        while (c.out.hasRemaining()) {
            c.ch.write(c.out);
        }
    }

    /** 0 = incomplete, 1 = a hit or STORED, 2 = a miss, 3 = anything else (an error). */
    static int complete(Conn c) {
        ByteBuffer b = c.in;
        int n = b.position();
        if (!c.isGet) {
            if (n < 8) {
                return 0;
            }
            return b.get(0) == 'S' && b.get(6) == '\r' ? 1 : lineEnd(b, 0) >= 0 ? 3 : 0;
        }
        if (n >= 5 && b.get(0) == 'E' && b.get(1) == 'N') {
            return 2;
        }
        int eol = lineEnd(b, 0);
        if (eol < 0) {
            return 0;
        }
        if (b.get(0) != 'V') {
            return 3;
        }
        int sp = eol - 1;
        while (b.get(sp) != ' ') {
            sp--;
        }
        int len = 0;
        for (int i = sp + 1; i < eol; i++) {
            len = len * 10 + (b.get(i) - '0');
        }
        return n >= eol + 2 + len + 2 + 5 ? 1 : 0;
    }

    private static int lineEnd(ByteBuffer b, int from) {
        for (int i = from; i + 1 < b.position(); i++) {
            if (b.get(i) == '\r' && b.get(i + 1) == '\n') {
                return i;
            }
        }
        return -1;
    }

    static int bucket(long nanos) {
        if (nanos < 32) {
            return (int) Math.max(0, nanos);
        }
        int power = 63 - Long.numberOfLeadingZeros(nanos);
        int sub = (int) ((nanos >>> (power - 5)) & 31);
        return Math.min(BUCKETS - 1, (power - 4) * 32 + sub);
    }

    static double bucketMicros(int b) {
        if (b < 32) {
            return b / 1000.0;
        }
        int power = b / 32 + 4;
        int sub = b % 32;
        return ((32L + sub) << (power - 5)) / 1000.0;
    }

    static double percentile(long[] histogram, long total, double q) {
        long target = (long) Math.ceil(total * q);
        long seen = 0;
        for (int i = 0; i < histogram.length; i++) {
            seen += histogram[i];
            if (seen >= target) {
                return bucketMicros(i);
            }
        }
        return 0;
    }
}
