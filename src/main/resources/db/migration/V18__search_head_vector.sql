-- A search that matches many posts ranks only those with a word of the query in the title, a
-- tag or category name, or the excerpt, and lists the others newest first (PostSearch): the
-- words outside the body get a vector of their own, found through its own index, and the
-- body-only matches are walked in date order, posts and pages together, until the page is full.
-- In the row, as search_vector is (V17): in the same statement, so that the rows it writes are
-- stored that way already.
alter table live_post
    add column head_vector tsvector generated always as (
        setweight(to_tsvector(search_language, search_title), 'A')
        || setweight(to_tsvector(search_language, search_terms), 'B')
        || setweight(to_tsvector(search_language, search_excerpt), 'C')
    ) stored,
    alter column head_vector set storage main;

create index live_post_head_search on live_post using gin (head_vector);
create index live_post_by_date on live_post (published_at desc, post_id desc);
