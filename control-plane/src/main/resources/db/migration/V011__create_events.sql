-- The event log (DescribeEvents): lifecycle changes of each account's resources, kept 14 days.
create table events (
    id                bigserial    primary key,
    account_id        varchar(12)  not null references accounts (id),
    source_type       varchar(32)  not null,
    source_identifier varchar(255) not null,
    message           text         not null,
    event_date        timestamptz  not null
);
create index events_account_idx on events (account_id, id);
create index events_date_idx on events (event_date);
