-- Core content model: posts (and pages), their live snapshots, taxonomies, authors, API tokens.

create table api_token (
    id           uuid primary key,
    name         text        not null,
    -- SHA-256 of the token: tokens are 256-bit random values, so a fast hash is safe and the
    -- plain token is never stored.
    token_hash   text        not null unique,
    role         text        not null default 'admin'
                 check (role in ('admin', 'editor', 'author', 'contributor')),
    created_at   timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);

create table author (
    id         uuid primary key,
    slug       text        not null,
    name       text        not null,
    bio        text,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version    bigint      not null default 0
);
create unique index author_slug_key on author (lower(slug));

-- Tags and categories are one mechanism, like Hugo taxonomies.
create table term (
    id          uuid primary key,
    taxonomy    text        not null check (taxonomy in ('tag', 'category')),
    slug        text        not null,
    name        text        not null,
    description text,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint      not null default 0
);
create unique index term_slug_key on term (taxonomy, lower(slug));

-- The working copy that the Admin API edits.
create table post (
    id                      uuid primary key,
    type                    text        not null check (type in ('post', 'page')),
    slug                    text        not null,
    title                   text        not null,
    markdown                text        not null,
    html                    text        not null,
    custom_excerpt          text,
    excerpt                 text        not null,
    feature_image_url       text,
    feature_image_alt       text,
    -- Kept as the exact JSON text the client sent (jsonb would reorder keys).
    meta                    text        not null default '{}',
    status                  text        not null check (status in ('draft', 'scheduled', 'published')),
    published_at            timestamptz,
    unpublish_at            timestamptz,
    word_count              integer     not null,
    reading_time_minutes    integer     not null,
    has_unpublished_changes boolean     not null default false,
    created_at              timestamptz not null,
    updated_at              timestamptz not null,
    version                 bigint      not null default 0,
    check (status <> 'scheduled' or published_at is not null)
);
create unique index post_slug_key on post (type, lower(slug));
create index post_due_to_publish on post (published_at) where status = 'scheduled';
create index post_due_to_unpublish on post (unpublish_at) where unpublish_at is not null;
create index post_admin_list on post (updated_at desc, id);

create table post_author (
    post_id   uuid    not null references post (id) on delete cascade,
    author_id uuid    not null references author (id) on delete cascade,
    position  integer not null,
    -- Keyed by position, as Hibernate writes ordered lists, so reordering never collides.
    primary key (post_id, position)
);
create index post_author_author on post_author (author_id);

create table post_term (
    post_id  uuid    not null references post (id) on delete cascade,
    term_id  uuid    not null references term (id) on delete cascade,
    position integer not null,
    primary key (post_id, position)
);
create index post_term_term on post_term (term_id);

-- Slugs a post had before: the Content API redirects them to the current one.
create table post_slug_alias (
    type    text not null,
    slug    text not null,
    post_id uuid not null references post (id) on delete cascade
);
create unique index post_slug_alias_key on post_slug_alias (type, lower(slug));

-- What the Content API serves: the snapshot taken at publish time, with its public JSON
-- already serialized so that reads do no rendering or mapping.
create table live_post (
    post_id      uuid primary key references post (id) on delete cascade,
    type         text        not null,
    slug         text        not null,
    published_at timestamptz not null,
    snapshot_at  timestamptz not null,
    -- The working copy as it was when published (for discard-changes and re-serializing).
    state        text        not null,
    body_json    text        not null,
    summary_json text        not null
);
create unique index live_post_slug_key on live_post (type, lower(slug));
create index live_post_newest on live_post (type, published_at desc, post_id);

create table live_post_author (
    post_id   uuid not null references live_post (post_id) on delete cascade,
    author_id uuid not null references author (id) on delete cascade,
    primary key (post_id, author_id)
);
create index live_post_author_author on live_post_author (author_id);

create table live_post_term (
    post_id uuid not null references live_post (post_id) on delete cascade,
    term_id uuid not null references term (id) on delete cascade,
    primary key (post_id, term_id)
);
create index live_post_term_term on live_post_term (term_id);

-- Advanced by every change to live content; app instances compare it to drop their read caches.
-- A sequence rather than a counter row: concurrent publishers never wait on each other.
create sequence content_generation;
