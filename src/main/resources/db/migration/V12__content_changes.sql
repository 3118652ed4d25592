-- The change feed (GET /api/content/changes): one row per change to published content, written
-- in the transaction of the change, so a rolled-back change leaves no row.
--
-- Rows are read in commit order without skipping any: each row keeps the id of the transaction
-- that wrote it (xid8, 64 bits, never wraps), and a reader returns only rows whose transaction
-- is below the oldest transaction still running (pg_snapshot_xmin), ordered by (xid, id). Every
-- row that becomes visible later belongs to a transaction at or above that bound, so it sorts
-- after every row already returned and after any cursor handed out (ChangeFeed explains more).
create sequence content_change_id increment by 50;

create table content_change (
    id          bigint primary key,
    xid         xid8        not null default pg_current_xact_id(),
    -- upsert: fetch it (again); tombstone: the address no longer serves it.
    kind        text        not null check (kind in ('upsert', 'tombstone')),
    type        text        not null check (type in ('post', 'page', 'tag', 'category', 'author')),
    resource_id uuid        not null,
    slug        text        not null,
    reason      text        not null check (reason in ('published', 'updated', 'moved', 'unpublished', 'deleted')),
    changed_at  timestamptz not null
);
create index content_change_order on content_change (xid, id);
create index content_change_age on content_change (changed_at);

-- The last (xid, id) pruned for age (INKWELL_CHANGES_RETENTION): a cursor below it has missed
-- changes and answers 410. One row.
create table content_change_horizon (
    only_row boolean primary key default true check (only_row),
    xid      xid8   not null,
    id       bigint not null
);
insert into content_change_horizon (xid, id) values ('0', 0);
