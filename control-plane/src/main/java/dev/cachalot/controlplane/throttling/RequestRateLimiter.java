package dev.cachalot.controlplane.throttling;

import dev.cachalot.controlplane.CachalotProperties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A token bucket per account: each account may make {@code requestsPerSecond} API requests a
 * second on average, in bursts of up to {@code burst}. Over the limit a request is refused with
 * {@code Throttling}, which every AWS SDK retries with back-off. Per control-plane replica.
 */
@Component
public class RequestRateLimiter {

    private final double ratePerNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Autowired
    public RequestRateLimiter(CachalotProperties properties) {
        this(properties.throttling(), System::nanoTime);
    }

    RequestRateLimiter(CachalotProperties.Throttling settings, LongSupplier nanoClock) {
        this.ratePerNano = settings.requestsPerSecond() / 1e9;
        this.burst = settings.burst();
        this.nanoClock = nanoClock;
    }

    /** Takes one request from the account's bucket, or throws {@link ThrottlingFault}. */
    public void acquire(String accountId) {
        long now = nanoClock.getAsLong();
        if (!buckets.computeIfAbsent(accountId, id -> new Bucket(burst, now)).take(ratePerNano, burst, now)) {
            throw new ThrottlingFault();
        }
    }

    private static final class Bucket {
        private double tokens;
        private long updatedNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }

        synchronized boolean take(double ratePerNano, double burst, long now) {
            tokens = Math.min(burst, tokens + (now - updatedNanos) * ratePerNano);
            updatedNanos = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
