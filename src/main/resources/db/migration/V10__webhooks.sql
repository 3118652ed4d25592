-- Webhooks and their transactional outbox: an event is written in the transaction of the change
-- it reports, with one delivery per subscribed webhook, so a committed change always has its
-- deliveries and a rolled-back one never does.
create table webhook (
    id          uuid primary key,
    url         text        not null,
    -- Event types, space-separated (e.g. "post.published post.unpublished"); "*" is every event.
    events      text        not null,
    description text,
    -- The Standard Webhooks signing secret ("whsec_" + base64): kept as is, since every delivery
    -- is signed with it; shown once, when made or rotated.
    secret      text        not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint      not null default 0
);

create table webhook_event (
    id          uuid primary key,
    type        text        not null,
    occurred_at timestamptz not null,
    -- The JSON body sent to receivers.
    payload     text        not null
);

create table webhook_delivery (
    id              uuid primary key,
    webhook_id      uuid        not null references webhook (id) on delete cascade deferrable initially deferred,
    event_id        uuid        not null references webhook_event (id) on delete cascade deferrable initially deferred,
    status          text        not null check (status in ('pending', 'delivered', 'failed')),
    attempts        integer     not null default 0,
    -- When the next attempt is due; while an attempt is under way, when its lease ends.
    next_attempt_at timestamptz,
    last_attempt_at timestamptz,
    last_status     integer,
    last_error      text,
    created_at      timestamptz not null
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'pending';
create index webhook_delivery_by_webhook on webhook_delivery (webhook_id, created_at desc);
