package dev.cachalot.engine.memcached;

/**
 * memcached's clock: {@code current_time} counts seconds since shortly before the process started
 * (a 32-bit relative time), and expiry times given by clients are turned into that scale by
 * {@link #realtime(long)} exactly as memcached's {@code realtime()} does: 0 never expires, up to 30
 * days is relative, beyond is a Unix time, negative is already expired.
 */
final class MemcachedClock {

    /** Largest relative expiry; larger values are Unix times. */
    static final long REALTIME_MAXDELTA = 60L * 60 * 24 * 30;
    /** memcached starts its clock this far in the past so that fresh items never look stale. */
    private static final long ITEM_UPDATE_INTERVAL = 60;

    private final long processStarted;
    private int now;

    MemcachedClock() {
        this.processStarted = System.currentTimeMillis() / 1000 - ITEM_UPDATE_INTERVAL - 2;
        tick();
    }

    /** Advances {@link #now()} to the wall clock; called once per read batch and by the timer. */
    void tick() {
        long t = System.currentTimeMillis() / 1000 - processStarted;
        if (t > now) {
            now = (int) t;
        }
    }

    /** memcached's {@code current_time}. */
    int now() {
        return now;
    }

    long processStarted() {
        return processStarted;
    }

    /** Unix time now. */
    long unixNow() {
        return processStarted + now;
    }

    /** A client's expiry time (seconds, possibly negative) as a relative time; 0 = never. */
    int realtime(long exptime) {
        if (exptime == 0) {
            return 0;
        }
        if (exptime < 0) {
            exptime = REALTIME_MAXDELTA + 1; // memcached's EXPTIME_TO_POSITIVE_TIME: already expired
        }
        if (exptime > REALTIME_MAXDELTA) {
            if (exptime <= processStarted) {
                return 1;
            }
            long rel = exptime - processStarted;
            return rel > 0xFFFFFFFFL ? -1 : (int) rel;
        }
        return (int) (exptime + now);
    }

    /** Whether a relative expiry time has passed (0 = never); relative times are unsigned 32-bit. */
    boolean expired(int exptime) {
        return exptime != 0 && Integer.compareUnsigned(exptime, now) <= 0;
    }
}
