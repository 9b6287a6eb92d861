-- Idempotency-Key of the REST API's creates: the first response to a key is kept for a day and
-- replayed to a retry of the same request. Bodies are encrypted under the master key, since the
-- response to a create may carry a secret (a new access key).
create table rest_idempotency_keys (
    account_id      varchar(12)  not null,
    idempotency_key varchar(255) not null,
    request_hash    varchar(64)  not null,
    -- null while the first request is still running
    status          int,
    location        text,
    etag            text,
    body_ciphertext bytea,
    created_at      timestamptz  not null,
    primary key (account_id, idempotency_key)
);
create index rest_idempotency_keys_created_idx on rest_idempotency_keys (created_at);
