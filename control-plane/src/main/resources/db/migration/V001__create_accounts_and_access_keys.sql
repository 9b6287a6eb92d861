-- Accounts own every resource; their 12-digit id appears in every ARN.
create table accounts (
    id          varchar(12) primary key,
    name        text        not null unique,
    admin       boolean     not null default false,
    created_at  timestamptz not null
);

-- Access keys sign AWS API requests (SigV4). The secret is needed in clear to verify a
-- signature, so it is stored encrypted (AES-256-GCM under the master key), never hashed.
create table access_keys (
    access_key_id     varchar(20) primary key,
    account_id        varchar(12) not null references accounts (id),
    secret_ciphertext bytea       not null,
    status            varchar(16) not null check (status in ('Active', 'Inactive')),
    created_at        timestamptz not null,
    last_used_at      timestamptz
);
create index access_keys_account_idx on access_keys (account_id);
