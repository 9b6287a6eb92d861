-- Tags of every taggable resource, keyed by the resource's ARN parts within its account.
create table resource_tags (
    account_id    varchar(12)  not null references accounts (id),
    resource_type varchar(32)  not null,
    resource_name varchar(255) not null,
    tag_key       varchar(128) not null,
    tag_value     varchar(256),
    primary key (account_id, resource_type, resource_name, tag_key)
);
