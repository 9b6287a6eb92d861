package dev.cachalot.controlplane.throttling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.controlplane.CachalotProperties;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket on a hand-driven clock: bursts, refill, and accounts kept apart. */
class RequestRateLimiterTest {

    private final AtomicLong nanos = new AtomicLong();
    private final RequestRateLimiter limiter = new RequestRateLimiter(new CachalotProperties.Throttling(10, 5),
            account -> account.equals("333333333333") ? 1.0 : null, nanos::get);

    @Test
    void allowsABurstThenTheSustainedRate() {
        for (int i = 0; i < 5; i++) {
            limiter.acquire("111111111111");
        }
        assertThatThrownBy(() -> limiter.acquire("111111111111")).isInstanceOfSatisfying(ThrottlingFault.class, f -> {
            assertThat(f.code()).isEqualTo("Throttling");
            assertThat(f.httpStatus()).isEqualTo(400);
            assertThat(f.getMessage()).isEqualTo("Rate exceeded");
        });
        nanos.addAndGet(100_000_000); // 100 ms at 10 per second: one more request
        limiter.acquire("111111111111");
        assertThatThrownBy(() -> limiter.acquire("111111111111")).isInstanceOf(ThrottlingFault.class);
        nanos.addAndGet(60_000_000_000L); // a long pause refills only up to the burst
        for (int i = 0; i < 5; i++) {
            limiter.acquire("111111111111");
        }
        assertThatThrownBy(() -> limiter.acquire("111111111111")).isInstanceOf(ThrottlingFault.class);
    }

    @Test
    void oneAccountsBurstDoesNotThrottleAnother() {
        for (int i = 0; i < 5; i++) {
            limiter.acquire("111111111111");
        }
        assertThatThrownBy(() -> limiter.acquire("111111111111")).isInstanceOf(ThrottlingFault.class);
        limiter.acquire("222222222222");
    }

    @Test
    void anAccountsOwnRateReplacesTheDefault() {
        limiter.acquire("333333333333");
        limiter.acquire("333333333333");
        assertThatThrownBy(() -> limiter.acquire("333333333333")).isInstanceOf(ThrottlingFault.class);
        nanos.addAndGet(1_000_000_000L);
        limiter.acquire("333333333333");
    }
}
