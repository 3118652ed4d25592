-- Full-text search over live content. The snapshot keeps the text it is found by, and
-- PostgreSQL weighs it into a vector when the row is written: title (A) over tag and category
-- names (B) over excerpt (C) over body text (D). The language is a column so that the vector can
-- be a generated column (to_tsvector(regconfig, text) is immutable) and a new
-- INKWELL_SEARCH_LANGUAGE re-indexes by updating it (PostSearchIndex).
alter table live_post
    add column search_language regconfig not null default 'english',
    add column search_title    text      not null default '',
    add column search_terms    text      not null default '',
    add column search_excerpt  text      not null default '',
    -- The body as plain text; also what ts_headline cuts the snippets from.
    add column search_body     text      not null default '';

-- Uncompressed like the other large columns (V4): pglz costs more at import than it saves.
alter table live_post alter column search_body set storage external;

-- Existing snapshots: their text from the public JSON already stored. The body's tags are
-- stripped here by pattern and its character references decoded, which is close enough for what
-- was published before this version; the next publish of a post writes the text as the
-- application extracts it. Control characters never reach the search text: the snippet markers
-- are control characters (PostSearch).
create function pg_temp.plain_text(html text) returns text language plpgsql immutable as $$
declare
    t text := regexp_replace(html, '<[^>]*>', ' ', 'g');
    reference text[];
begin
    for reference in select regexp_matches(t, '&#([0-9]{1,6});', 'g') loop
        if reference[1]::int between 32 and 1114111 and reference[1]::int not between 55296 and 57343 then
            t := replace(t, '&#' || reference[1] || ';', chr(reference[1]::int));
        end if;
    end loop;
    t := replace(replace(replace(replace(t, '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&amp;', '&');
    return btrim(regexp_replace(regexp_replace(t, '[\x01-\x1f]', ' ', 'g'), '\s+', ' ', 'g'));
end
$$;

create function pg_temp.clean(t text) returns text language sql immutable as $$
    select btrim(regexp_replace(t, '[\x01-\x1f]', ' ', 'g'))
$$;

update live_post set
    search_title = pg_temp.clean(coalesce(body_json::jsonb ->> 'title', '')),
    search_excerpt = pg_temp.clean(coalesce(body_json::jsonb ->> 'excerpt', '')),
    search_terms = pg_temp.clean(coalesce((select string_agg(term ->> 'name', ' ')
                             from jsonb_array_elements(coalesce(body_json::jsonb -> 'tags', '[]'::jsonb)
                                      || coalesce(body_json::jsonb -> 'categories', '[]'::jsonb)) term), '')),
    search_body = pg_temp.plain_text(coalesce(body_json::jsonb ->> 'html', ''));

alter table live_post add column search_vector tsvector generated always as (
    setweight(to_tsvector(search_language, search_title), 'A')
    || setweight(to_tsvector(search_language, search_terms), 'B')
    || setweight(to_tsvector(search_language, search_excerpt), 'C')
    || setweight(to_tsvector(search_language, search_body), 'D')
) stored;

create index live_post_search on live_post using gin (search_vector);
