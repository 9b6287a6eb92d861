package dev.cachalot.controlplane.throttling;

import dev.cachalot.controlplane.CachalotProperties;
import dev.cachalot.controlplane.identity.IdentityService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A token bucket per account: each account may make its request rate of API requests a second
 * on average (the installation's default, or its own where an administrator set one), in bursts
 * of up to twice a second's worth (at least the configured burst for the default rate). Over the
 * limit a request is refused with {@code Throttling}, which every AWS SDK retries with back-off.
 * Per control-plane replica.
 */
@Component
public class RequestRateLimiter {

    private final double defaultRate;
    private final double defaultBurst;
    private final Function<String, Double> accountRate;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Autowired
    public RequestRateLimiter(CachalotProperties properties, IdentityService identity) {
        this(properties.throttling(), accountId -> identity.requestRate(accountId).orElse(null), System::nanoTime);
    }

    RequestRateLimiter(CachalotProperties.Throttling settings, Function<String, Double> accountRate, LongSupplier nanoClock) {
        this.defaultRate = settings.requestsPerSecond();
        this.defaultBurst = settings.burst();
        this.accountRate = accountRate;
        this.nanoClock = nanoClock;
    }

    /** Takes one request from the account's bucket, or throws {@link ThrottlingFault}. */
    public void acquire(String accountId) {
        long now = nanoClock.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(accountId, id -> {
            Double own = accountRate.apply(id);
            return own == null ? new Bucket(defaultRate, defaultBurst, now) : new Bucket(own, Math.max(1, 2 * own), now);
        });
        if (!bucket.take(now)) {
            throw new ThrottlingFault();
        }
    }

    /** An administrator changed the account's rate: the next request builds its bucket afresh. */
    @EventListener
    void limitsChanged(IdentityService.AccountLimitsChanged event) {
        buckets.remove(event.accountId());
    }

    private static final class Bucket {
        private final double ratePerNano;
        private final double burst;
        private double tokens;
        private long updatedNanos;

        Bucket(double ratePerSecond, double burst, long now) {
            this.ratePerNano = ratePerSecond / 1e9;
            this.burst = burst;
            this.tokens = burst;
            this.updatedNanos = now;
        }

        synchronized boolean take(long now) {
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
