package dev.cachalot.controlplane.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.services.elasticache.model.ElastiCacheException;

/** Assertions on the AWS errors the SDK surfaces: the exact code and HTTP status. */
public final class AwsErrors {

    private AwsErrors() {}

    public static void assertAwsError(ThrowingCallable call, int status, String code) {
        assertAwsError(call, status, code, "");
    }

    /** @param messagePart a part of the message the error must carry (empty: any) */
    public static void assertAwsError(ThrowingCallable call, int status, String code, String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ElastiCacheException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).as(e.getMessage()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorMessage()).contains(messagePart);
        });
    }
}
