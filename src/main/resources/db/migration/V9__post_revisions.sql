-- The history of a post's working copy: one row per revision, its content as JSON (a
-- PostRevisions.Content) and who saved it. Saves by one actor within a short window update the
-- newest row instead of adding one (PostRevisions), so a row is "a sitting", not a keystroke.
create table post_revision (
    id           uuid primary key,
    post_id      uuid        not null references post (id) on delete cascade deferrable initially deferred,
    -- 1, 2, 3... within the post: what the API calls {rev}. Posts are locked while written, so
    -- the next number is the newest one's plus one.
    number       integer     not null,
    -- SHA-256 of content: a save whose content hashes the same as the newest revision adds none.
    content_hash text        not null,
    content      text        not null,
    -- 'api' (the Admin API), 'import' (an import through the Admin API) or 'system' (the server).
    source       text        not null check (source in ('api', 'import', 'system')),
    token_id     uuid,
    token_name   text        not null,
    author_id    uuid,
    created_at   timestamptz not null,
    -- The last save coalesced into this revision.
    saved_at     timestamptz not null,
    saves        integer     not null default 1,
    -- When this revision last went live; kept INKWELL_REVISIONS_KEEP_PUBLISHED_DAYS after that.
    published_at timestamptz,
    -- Also the index of "a post's revisions, newest first": numbers grow with time.
    unique (post_id, number)
);

alter table post_revision alter column content set storage external;
