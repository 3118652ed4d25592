-- Tokens get a person, an expiry, a grace period after rotation and a visible prefix; Content
-- API keys are tokens of role 'content'.
alter table api_token drop constraint api_token_role_check;
alter table api_token add constraint api_token_role_check
    check (role in ('admin', 'editor', 'author', 'contributor', 'content'));
alter table api_token
    -- The person a token acts for; "own posts" are the posts that list this author.
    add column author_id            uuid references author (id) on delete set null deferrable initially deferred,
    add column expires_at           timestamptz,
    -- After a rotation the previous secret keeps working until previous_valid_until.
    add column previous_token_hash  text unique,
    add column previous_valid_until timestamptz,
    -- The first characters of the secret, so a list can tell tokens apart without the secret.
    add column prefix               text not null default 'ink_',
    -- Installed from INKWELL_ADMIN_TOKEN (or generated at the first start): a new value
    -- revokes the previous one.
    add column bootstrap            boolean not null default false;
update api_token set bootstrap = true where name like 'bootstrap admin%';

-- Who changed what, when, and how it ended.
create table activity (
    id          bigint generated always as identity primary key,
    at          timestamptz not null,
    token_id    uuid,
    token_name  text        not null,
    author_id   uuid,
    method      text        not null,
    operation   text        not null,
    resource    text        not null,
    resource_id text,
    status      integer     not null,
    summary     text
);
create index activity_at on activity (at desc);
create index activity_token on activity (token_id, at desc);
create index activity_resource on activity (resource, resource_id, at desc);
