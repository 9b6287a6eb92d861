package dev.cachalot.engine.metrics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What SLOWLOG, LATENCY and INFO errorstats report: the slow log (Redis's slowlog.c), the latency
 * monitor's per-event series (latency.c) and error replies counted by their prefix. Data thread only.
 */
public final class ServerMetrics {

    /** LATENCY_TS_LEN: samples kept per event. */
    static final int LATENCY_SAMPLES = 160;
    /** Redis stops counting new error codes after this many (errorstats). */
    static final int MAX_ERROR_CODES = 128;

    /** One slow log entry; {@code args} already shortened as Redis does. */
    public record SlowEntry(long id, long unixSeconds, long micros, List<byte[]> args, String addr, String name) {
    }

    /** One latency sample: when (Unix seconds) and how long (ms). */
    public record LatencySample(long unixSeconds, long millis) {
    }

    /** A latency event's samples and its all-time maximum. */
    public static final class LatencySeries {
        final ArrayDeque<LatencySample> samples = new ArrayDeque<>();
        long max;

        public List<LatencySample> samples() {
            return new ArrayList<>(samples);
        }

        public long max() {
            return max;
        }

        public LatencySample latest() {
            return samples.peekLast();
        }
    }

    private final ArrayDeque<SlowEntry> slowlog = new ArrayDeque<>();
    private long nextSlowId;
    private final Map<String, LatencySeries> latency = new LinkedHashMap<>();
    private final Map<String, Long> errors = new LinkedHashMap<>();
    private boolean errorsFull;

    // ------------------------------------------------------------------------------ slowlog

    /** Adds an entry whose arguments the caller already shortened (32 arguments, 128 bytes each, as Redis). */
    public void slowlogAdd(List<byte[]> args, long micros, String addr, String name, long maxLen) {
        slowlog.addFirst(new SlowEntry(nextSlowId++, System.currentTimeMillis() / 1000, micros, args, addr, name == null ? "" : name));
        while (slowlog.size() > maxLen) {
            slowlog.removeLast();
        }
    }

    /** Newest first, at most {@code count} (-1: all). */
    public List<SlowEntry> slowlog(long count) {
        List<SlowEntry> out = new ArrayList<>();
        Iterator<SlowEntry> it = slowlog.iterator();
        while (it.hasNext() && (count < 0 || out.size() < count)) {
            out.add(it.next());
        }
        return out;
    }

    public int slowlogLength() {
        return slowlog.size();
    }

    public void slowlogReset() {
        slowlog.clear();
    }

    public void slowlogTrim(long maxLen) {
        while (slowlog.size() > maxLen) {
            slowlog.removeLast();
        }
    }

    // ------------------------------------------------------------------------------ latency monitor

    /** latencyAddSample: one sample per second per event, keeping the largest of that second. */
    public void latencyAdd(String event, long millis) {
        LatencySeries s = latency.computeIfAbsent(event, e -> new LatencySeries());
        long now = System.currentTimeMillis() / 1000;
        LatencySample last = s.samples.peekLast();
        if (last != null && last.unixSeconds() == now) {
            if (millis > last.millis()) {
                s.samples.removeLast();
                s.samples.addLast(new LatencySample(now, millis));
            }
        } else {
            s.samples.addLast(new LatencySample(now, millis));
            if (s.samples.size() > LATENCY_SAMPLES) {
                s.samples.removeFirst();
            }
        }
        s.max = Math.max(s.max, millis);
    }

    public Map<String, LatencySeries> latencyEvents() {
        return latency;
    }

    /** LATENCY RESET [event…]: the number of events reset. */
    public int latencyReset(List<String> events) {
        if (events.isEmpty()) {
            int n = latency.size();
            latency.clear();
            return n;
        }
        int n = 0;
        for (String e : events) {
            if (latency.remove(e) != null) {
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------------------ errorstats

    /** Counts an error reply by its prefix ("ERR", "WRONGTYPE", …). */
    public void countError(String prefix) {
        Long n = errors.get(prefix);
        if (n != null) {
            errors.put(prefix, n + 1);
        } else if (errors.size() < MAX_ERROR_CODES) {
            errors.put(prefix, 1L);
        } else {
            errorsFull = true;
        }
    }

    public Map<String, Long> errors() {
        return errors;
    }

    public void resetErrors() {
        errors.clear();
        errorsFull = false;
    }

    // ------------------------------------------------------------------------------ instantaneous rates

    /** Redis's STATS_METRIC_SAMPLES: rates are averaged over the last 16 samples (taken every 100 ms). */
    private static final int SAMPLES = 16;
    private final double[][] rates = new double[3][SAMPLES];
    private final long[] lastValue = new long[3];
    private long lastSampleMs;
    private int sampleIndex;

    /** trackInstantaneousMetric for commands, input bytes and output bytes. */
    public void sampleRates(long nowMs, long commands, long inputBytes, long outputBytes) {
        long[] now = {commands, inputBytes, outputBytes};
        if (lastSampleMs != 0 && nowMs > lastSampleMs) {
            long dt = nowMs - lastSampleMs;
            for (int m = 0; m < 3; m++) {
                rates[m][sampleIndex] = Math.max(0, now[m] - lastValue[m]) * 1000.0 / dt;
            }
            sampleIndex = (sampleIndex + 1) % SAMPLES;
        }
        System.arraycopy(now, 0, lastValue, 0, 3);
        lastSampleMs = nowMs;
    }

    private double average(int metric) {
        double sum = 0;
        for (double r : rates[metric]) {
            sum += r;
        }
        return sum / SAMPLES;
    }

    public long instantaneousOpsPerSec() {
        return Math.round(average(0));
    }

    public double instantaneousInputKbps() {
        return average(1) / 1024;
    }

    public double instantaneousOutputKbps() {
        return average(2) / 1024;
    }
}
