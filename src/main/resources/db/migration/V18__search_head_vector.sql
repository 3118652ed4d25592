-- A search that matches many posts ranks only those with a word of the query in the title, a
-- tag or category name, or an excerpt the author wrote, and lists the others newest first
-- (PostSearch): those words get a vector of their own, found through its own index, and the
-- body-only matches are walked in date order, posts and pages together, until the page is full.
-- An excerpt cut from the body's opening (search_excerpt when the author wrote none) is body
-- text: on a blog without excerpts it would put most matches of a common word among the ranked.
alter table live_post add column search_own_excerpt text not null default '';

-- The snapshots published before this version: their excerpt is the author's when it is the
-- post's custom excerpt as it stands (cleaned as PostSearchIndex does); a post edited since gets
-- it at its next publish.
update live_post lp set search_own_excerpt = lp.search_excerpt
from post p
where p.id = lp.post_id and p.custom_excerpt is not null
  and btrim(regexp_replace(p.custom_excerpt, '[\x01-\x1f]', ' ', 'g')) = lp.search_excerpt;

-- In the row, as search_vector is (V17): in the same statement, so that the rows it writes are
-- stored that way already.
alter table live_post
    add column head_vector tsvector generated always as (
        setweight(to_tsvector(search_language, search_title), 'A')
        || setweight(to_tsvector(search_language, search_terms), 'B')
        || setweight(to_tsvector(search_language, search_own_excerpt), 'C')
    ) stored,
    alter column head_vector set storage main;

create index live_post_head_search on live_post using gin (head_vector);
create index live_post_by_date on live_post (published_at desc, post_id desc);
