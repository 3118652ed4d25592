-- A search result's snippet marks the words of the query in its passage (PostSearch). That was
-- ts_headline, which parses and stems the passage again for every result of every search: a
-- quarter of PostgreSQL's time for a search. Now a passage keeps, from when it is written, where
-- each of its words is and what it is indexed as, and the search marks the words whose lexeme
-- is one of the query's, as ts_headline does (SnippetTest holds the two side by side).
--
-- marks: one entry a word, in order, separated by U+0001 (the text holds no control characters,
-- PostSearchIndex): "start:end:lexeme", start and end counted in characters of the passage. A
-- word indexed as several lexemes has an entry for each; a stop word has none.
alter table live_post_passage add column marks text not null default '';

-- Where each word of a passage is, and its lexemes. The parser's tokens are the text in order,
-- except the compound ones (an address, a hyphenated word), which come first and are then given
-- again in parts: they take no room, and ts_headline does not show them (it shows their parts).
-- to_tsvector numbers the tokens of the types the configuration indexes (a stop word too) and
-- gives each number's lexemes; the same numbering here joins them to the tokens.
create function search_passage_marks(passage text, language regconfig)
    returns text
    language sql stable strict parallel safe
as $$
    with config as (
        select c.cfgparser as parser from pg_ts_config c where c.oid = language),
    compound as (
        select t.tokid from config, ts_token_type(config.parser) t
        where t.alias in ('url', 'numhword', 'asciihword', 'hword')),
    token as (
        select t.tokid, t.token, t.n,
               coalesce(sum(length(t.token)) filter (where t.tokid not in (select tokid from compound))
                   over (order by t.n rows between unbounded preceding and 1 preceding), 0) as start
        from config, ts_parse(config.parser, passage) with ordinality as t (tokid, token, n)),
    numbered as (
        select token.*, row_number() over (order by token.n) as position
        from token
        where token.tokid in (select m.maptokentype from pg_ts_config_map m where m.mapcfg = language))
    select coalesce(string_agg(numbered.start || ':' || (numbered.start + length(numbered.token)) || ':' || word.lexeme,
                               chr(1) order by numbered.position), '')
    from numbered
    join (select v.lexeme, unnest(v.positions) as position from unnest(to_tsvector(language, passage)) v) word
      on word.position = numbered.position
    where numbered.tokid not in (select tokid from compound)
$$;

-- V19's trigger, which writes the passages of a snapshot, writes their marks too.
create or replace function live_post_passages_write() returns trigger
    language plpgsql
as $$
begin
    delete from live_post_passage where post_id = new.post_id;
    insert into live_post_passage (post_id, ordinal, passage, words, marks)
    select new.post_id, p.ordinal, p.passage, p.words, search_passage_marks(p.passage, new.search_language)
    from search_passages(new.search_body, new.search_language) p;
    return null;
end
$$;

update live_post_passage p set marks = search_passage_marks(p.passage, lp.search_language)
from live_post lp
where lp.post_id = p.post_id;
