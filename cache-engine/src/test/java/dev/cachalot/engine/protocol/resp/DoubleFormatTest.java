package dev.cachalot.engine.protocol.resp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Redis 7.2's d2string output (fpconv_dtoa layout), which RESP2 bulk and RESP3 double replies carry. */
class DoubleFormatTest {

    @Test
    void formatsAsRedis72() {
        assertThat(RespNumbers.formatDouble(1.1)).isEqualTo("1.1");
        assertThat(RespNumbers.formatDouble(3.0)).isEqualTo("3");
        assertThat(RespNumbers.formatDouble(-2.5)).isEqualTo("-2.5");
        assertThat(RespNumbers.formatDouble(0.0)).isEqualTo("0");
        assertThat(RespNumbers.formatDouble(-0.0)).isEqualTo("-0");
        assertThat(RespNumbers.formatDouble(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(RespNumbers.formatDouble(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(RespNumbers.formatDouble(Double.NaN)).isEqualTo("nan");
        assertThat(RespNumbers.formatDouble(1e17)).isEqualTo("100000000000000000");
        assertThat(RespNumbers.formatDouble(1e20)).isEqualTo("1e+20");
        assertThat(RespNumbers.formatDouble(1e300)).isEqualTo("1e+300");
        assertThat(RespNumbers.formatDouble(1.5e300)).isEqualTo("1.5e+300");
        assertThat(RespNumbers.formatDouble(0.001)).isEqualTo("0.001");
        assertThat(RespNumbers.formatDouble(1e-7)).isEqualTo("1e-7");
        assertThat(RespNumbers.formatDouble(1.2345e-8)).isEqualTo("1.2345e-8");
        assertThat(RespNumbers.formatDouble(123.456)).isEqualTo("123.456");
        assertThat(RespNumbers.formatDouble(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(RespNumbers.formatDouble(3.14e-5)).isEqualTo("3.14e-5");
    }
}
