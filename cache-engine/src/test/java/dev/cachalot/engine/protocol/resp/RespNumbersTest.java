package dev.cachalot.engine.protocol.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Redis's string2ll rules and allocation-free formatting. */
class RespNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "-1", "42", "9223372036854775807", "-9223372036854775808", "1000000"})
    void acceptsCanonicalIntegers(String s) {
        MutableLong out = new MutableLong();
        assertThat(RespNumbers.string2ll(s.getBytes(StandardCharsets.US_ASCII), out)).isTrue();
        assertThat(out.value).isEqualTo(Long.parseLong(s));
        ByteBuf buf = Unpooled.copiedBuffer("xx" + s + "yy", StandardCharsets.US_ASCII);
        assertThat(RespNumbers.string2ll(buf, 2, s.length(), out)).isTrue();
        assertThat(out.value).isEqualTo(Long.parseLong(s));
        buf.release();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "+1", "01", "-0", " 1", "1 ", "1a", "9223372036854775808",
            "-9223372036854775809", "99999999999999999999", "000000000000000000001", "1.5", "0x10"})
    void rejectsWhatRedisRejects(String s) {
        MutableLong out = new MutableLong();
        assertThat(RespNumbers.string2ll(s.getBytes(StandardCharsets.US_ASCII), out)).isFalse();
        ByteBuf buf = Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
        assertThat(RespNumbers.string2ll(buf, 0, s.length(), out)).isFalse();
        buf.release();
    }

    @Test
    void formatsEveryMagnitude() {
        long[] values = {0, 7, -7, 10, -10, 99, 100, 123456789, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
        for (long v : values) {
            ByteBuf buf = Unpooled.buffer();
            RespNumbers.writeLong(buf, v);
            assertThat(buf.toString(StandardCharsets.US_ASCII)).isEqualTo(Long.toString(v));
            assertThat(RespNumbers.digits(v)).isEqualTo(Long.toString(v).length());
            byte[] dst = new byte[RespNumbers.digits(v)];
            RespNumbers.formatInto(v, dst);
            assertThat(new String(dst, StandardCharsets.US_ASCII)).isEqualTo(Long.toString(v));
            buf.release();
        }
    }
}
