package dev.cachalot.controlplane.rest;

import dev.cachalot.controlplane.fault.CachalotFault;
import dev.cachalot.controlplane.fault.InvalidParameterValueException;
import dev.cachalot.controlplane.identity.Caller;
import dev.cachalot.controlplane.identity.SecretCipher;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} on creates. The first request with a key runs and its response (a
 * success or a refusal; not a server failure, which may be retried) is kept for a day, per
 * account; a retry with the same key and the same request gets that response again, with
 * {@code Idempotency-Replayed: true}. The same key with a different request is refused
 * ({@code IdempotentParameterMismatch}, 422); while the first request still runs, a retry gets
 * {@code IdempotentRequestInProgress} (409). A first request that died mid-way (its process
 * crashed) is taken over after a minute.
 */
@Component
class IdempotencyKeys {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotency-Replayed";
    static final Duration KEPT = Duration.ofHours(24);
    static final Duration ABANDONED = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final JsonMapper json;
    private final Clock clock;

    IdempotencyKeys(JdbcClient jdbc, SecretCipher cipher, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.json = json;
        this.clock = clock;
    }

    private record Stored(String requestHash, Integer status, String location, String etag, byte[] body, Instant createdAt) {}

    /**
     * Runs a create under an idempotency key (or just runs it when the request has none).
     *
     * @param request what identifies the request besides its path: the parsed body
     */
    ResponseEntity<Object> run(Caller caller, HttpServletRequest http, Object request, Supplier<ResponseEntity<?>> create) {
        String key = http.getHeader(HEADER);
        if (key == null) {
            return cast(create.get());
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new InvalidParameterValueException("Idempotency-Key must be 1 to 255 visible ASCII characters.");
        }
        String hash = hash(http.getMethod() + " " + http.getRequestURI() + "\n" + json.writeValueAsString(request));
        Instant now = clock.instant();
        jdbc.sql("delete from rest_idempotency_keys where created_at < ?").param(Timestamp.from(now.minus(KEPT))).update();
        boolean first = jdbc.sql("""
                insert into rest_idempotency_keys (account_id, idempotency_key, request_hash, created_at)
                values (?, ?, ?, ?) on conflict do nothing""")
                .params(caller.accountId(), key, hash, Timestamp.from(now)).update() == 1;
        if (!first) {
            Stored stored = find(caller, key);
            if (stored == null) {
                throw new RestFaults.IdempotentRequestInProgressFault(key); // expired between the two statements
            }
            if (!stored.requestHash().equals(hash)) {
                throw new RestFaults.IdempotentParameterMismatchFault(key);
            }
            if (stored.status() != null) {
                return replay(stored);
            }
            boolean takenOver = stored.createdAt().isBefore(now.minus(ABANDONED)) && jdbc.sql("""
                    update rest_idempotency_keys set created_at = ? where account_id = ? and idempotency_key = ?
                    and status is null and created_at = ?""")
                    .params(Timestamp.from(now), caller.accountId(), key, Timestamp.from(stored.createdAt())).update() == 1;
            if (!takenOver) {
                throw new RestFaults.IdempotentRequestInProgressFault(key);
            }
        }
        ResponseEntity<?> response;
        try {
            response = create.get();
        } catch (CachalotFault fault) {
            if (Problems.status(fault) >= 500) {
                forget(caller, key);
            } else {
                ResponseEntity<Object> problem = Problems.entity(fault, http);
                store(caller, key, problem);
                return problem;
            }
            throw fault;
        } catch (RuntimeException e) {
            forget(caller, key);
            throw e;
        }
        store(caller, key, response);
        return cast(response);
    }

    private void store(Caller caller, String key, ResponseEntity<?> response) {
        byte[] body = response.getBody() == null ? null : cipher.encrypt(json.writeValueAsString(response.getBody()));
        jdbc.sql("""
                update rest_idempotency_keys set status = ?, location = ?, etag = ?, body_ciphertext = ?
                where account_id = ? and idempotency_key = ?""")
                .params(response.getStatusCode().value(), response.getHeaders().getFirst(HttpHeaders.LOCATION),
                        response.getHeaders().getETag(), body, caller.accountId(), key)
                .update();
    }

    private void forget(Caller caller, String key) {
        jdbc.sql("delete from rest_idempotency_keys where account_id = ? and idempotency_key = ?")
                .params(caller.accountId(), key).update();
    }

    private Stored find(Caller caller, String key) {
        List<Stored> rows = jdbc.sql("""
                select request_hash, status, location, etag, body_ciphertext, created_at from rest_idempotency_keys
                where account_id = ? and idempotency_key = ?""")
                .params(caller.accountId(), key)
                .query((rs, i) -> new Stored(rs.getString("request_hash"), (Integer) rs.getObject("status"),
                        rs.getString("location"), rs.getString("etag"), rs.getBytes("body_ciphertext"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
        return rows.isEmpty() ? null : rows.getFirst();
    }

    private ResponseEntity<Object> replay(Stored stored) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(stored.status()).header(REPLAYED, "true");
        if (stored.location() != null) {
            builder.header(HttpHeaders.LOCATION, stored.location());
        }
        if (stored.etag() != null) {
            builder.eTag(stored.etag());
        }
        if (stored.body() == null) {
            return builder.build();
        }
        builder.contentType(stored.status() >= 400 ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON);
        return builder.body(json.readTree(cipher.decrypt(stored.body())));
    }

    @SuppressWarnings("unchecked")
    private static ResponseEntity<Object> cast(ResponseEntity<?> response) {
        return (ResponseEntity<Object>) response;
    }

    private static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
