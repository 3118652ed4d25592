-- A search result's snippet marks the words of the query in its passage (PostSearch). That was
-- ts_headline, which parses and stems the passage again for every result of every search: a
-- quarter of PostgreSQL's time for a search. Now a passage keeps where each of its words is and
-- what it is indexed as, and the search marks the words whose lexeme is one of the query's, as
-- ts_headline does (SnippetTest holds the two side by side).
--
-- Finding them costs some 80 microseconds a passage, 2-3 ms an 800-word post: written with the
-- passage, it made a first import of 1,000 posts half as slow again. So a passage is written
-- without them (null), PassageMarker fills them in the background within seconds, and until
-- then a search marks that passage with ts_headline.
--
-- marks: one entry a lexeme of a word, in the order of the words, separated by U+0001 (the text
-- holds no control characters, PostSearchIndex): "start:end:lexeme", start and end counted in
-- characters of the passage. A stop word has none.
alter table live_post_passage add column marks text;

create index live_post_passage_unmarked on live_post_passage (post_id, ordinal) where marks is null;

-- Where each word of a passage is, and its lexemes. The parser's tokens are the text in order,
-- except the compound ones (an address, a hyphenated word), which come first and are then given
-- again in parts: they take no room, and ts_headline does not show them (it shows their parts).
-- to_tsvector numbers the tokens of the types the configuration indexes (stop words and compound
-- ones too) and gives each number's lexemes; the same count here finds their words.
-- The configuration's parser and token types are arguments, looked up once for many passages
-- (search_passage_marks_setup, which also says whether the count holds): looked up for each
-- passage they took as long as the rest.
create function search_passage_marks(passage text, language regconfig, parser oid, compound int[], unindexed int[])
    returns text
    language plpgsql stable strict parallel safe
as $$
declare
    lexemes text[] := '{}';
    word record;
    token record;
    start int := 0;
    position int := 0;
    token_length int;
    span text;
    marks text := '';
begin
    for word in select v.lexeme, p.at from unnest(to_tsvector(language, passage)) v, unnest(v.positions) p (at) loop
        lexemes[word.at] := case when lexemes[word.at] is null then '' else lexemes[word.at] || chr(2) end || word.lexeme;
    end loop;
    for token in select t.tokid, t.token from ts_parse(parser, passage) t loop
        if not token.tokid = any(unindexed) then
            position := position + 1;
        end if;
        if not token.tokid = any(compound) then
            token_length := length(token.token);
            if lexemes[position] is not null and not token.tokid = any(unindexed) then
                span := start || ':' || (start + token_length) || ':';
                marks := marks || case when marks = '' then '' else chr(1) end
                         || span || replace(lexemes[position], chr(2), chr(1) || span);
            end if;
            start := start + token_length;
        end if;
    end loop;
    return marks;
end
$$;

-- A configuration's parser, its compound token types and those it does not index; no row when
-- its passages cannot be marked this way, and ts_headline marks them: it does not exist (a
-- configuration dropped while posts were indexed in it), or it has its own parser, or a
-- dictionary that may give one lexeme for several words or several positions for one word
-- (thesaurus, ispell's compound words, one written in C), or a token type whose last
-- dictionary may take no word at all: those shift the count of words.
create function search_passage_marks_setup(language regconfig)
    returns table (parser oid, compound int[], unindexed int[])
    language sql stable strict parallel safe
as $$
    select c.cfgparser,
           coalesce(array_agg(t.tokid) filter (where t.alias in ('url', 'numhword', 'asciihword', 'hword')), '{}'),
           coalesce(array_agg(t.tokid) filter (where not exists (
               select 1 from pg_ts_config_map m where m.mapcfg = language and m.maptokentype = t.tokid)), '{}')
    from pg_ts_config c
    join pg_ts_parser parser on parser.oid = c.cfgparser
        and parser.prsname = 'default' and parser.prsnamespace = 'pg_catalog'::regnamespace
    cross join ts_token_type(c.cfgparser) t
    where c.oid = language
      and not exists (
          select 1 from pg_ts_config_map m
          join pg_ts_dict d on d.oid = m.mapdict
          join pg_ts_template template on template.oid = d.dicttemplate
          where m.mapcfg = language
            and not (template.tmplnamespace = 'pg_catalog'::regnamespace
                     and template.tmplname in ('simple', 'snowball', 'synonym')))
      -- The last dictionary of each token type takes every word: a word none takes gets no
      -- number from to_tsvector. A stemmer does; simple unless told not to (accept = false).
      and not exists (
          select 1 from pg_ts_config_map m
          join pg_ts_dict d on d.oid = m.mapdict
          join pg_ts_template template on template.oid = d.dicttemplate
          where m.mapcfg = language
            and m.mapseqno = (select max(last.mapseqno) from pg_ts_config_map last
                              where last.mapcfg = language and last.maptokentype = m.maptokentype)
            and not (template.tmplname = 'snowball'
                     or (template.tmplname = 'simple'
                         and (coalesce(d.dictinitoption, '') !~* 'accept'
                              or d.dictinitoption ~* 'accept\s*=\s*''?(true|on|yes|1|t|y)\M'))))
    group by c.cfgparser
$$;

-- Passages are written unmarked (V19's trigger leaves the column null), and PassageMarker marks
-- them, those already live included.
