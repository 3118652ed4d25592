-- Which public content changed, by surrogate key, for the other instances' caches: a write adds
-- a row in its own transaction; each instance reads the rows of transactions it has not seen
-- yet (by transaction id, which unlike a serial id tells what may still commit). Rows older
-- than an hour are pruned; instances poll every second.
create table content_invalidation (
    id bigserial primary key,
    xid xid8 not null default pg_current_xact_id(),
    origin uuid not null,
    keys text not null,
    created_at timestamptz not null default now()
);
create index content_invalidation_xid on content_invalidation (xid);

-- The one sequence every write advanced, which made every write empty every cache.
drop sequence content_generation;

-- Post lists go newest first, then by id, both descending, so that a keyset page ("after this
-- time and id") is one row comparison the index answers; the page's rows come from the index
-- alone, so a deep page costs index entries, not heap rows.
drop index live_post_newest;
create index live_post_newest on live_post (type, published_at desc, post_id desc);
