-- Saved searches, and the webhook deliveries of the papers that matched them.
create table subscription (
    id             varchar(40)   primary key,
    owner          varchar(200)  not null,
    name           varchar(200)  not null,
    -- SubscriptionFilters as JSON: q, tag, organization, year, teamSize, hasCode
    filters_json   text          not null,
    webhook_url    varchar(2000),
    webhook_secret varchar(200),
    -- The unguessable token of the subscription's own Atom feed.
    feed_token     varchar(64)   not null unique,
    created_at     timestamptz   not null
);
create index subscription_owner on subscription (owner);

-- One POST of a batch of papers to one subscription's webhook; sent in seq order per subscription.
create table webhook_delivery (
    id              varchar(40)  primary key,
    subscription_id varchar(40)  not null references subscription (id) on delete cascade,
    seq             bigserial    not null,
    body            text         not null,
    papers          int          not null,
    status          varchar(16)  not null,
    attempts        int          not null default 0,
    last_status     int,
    last_error      varchar(500),
    created_at      timestamptz  not null,
    next_attempt_at timestamptz  not null,
    delivered_at    timestamptz
);
create index webhook_delivery_due on webhook_delivery (status, next_attempt_at);
create index webhook_delivery_subscription on webhook_delivery (subscription_id, seq);

create table webhook_attempt (
    id           bigserial    primary key,
    delivery_id  varchar(40)  not null references webhook_delivery (id) on delete cascade,
    attempted_at timestamptz  not null,
    status_code  int,
    error        varchar(500)
);
create index webhook_attempt_delivery on webhook_attempt (delivery_id, id);
