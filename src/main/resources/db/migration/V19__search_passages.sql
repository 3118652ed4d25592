-- A search result's snippet is the first passage of the body that holds a word of the query,
-- with those words marked (PostSearch). Finding that place in the body itself meant reading the
-- whole body from TOAST for each result, lower-casing it, guessing where a word begins from its
-- stem as text (a rule that holds for English only), and parsing a few hundred characters
-- around it: two fifths of a search's time. Now the body is cut once, when it is written, into
-- passages of at most 200 characters that end at a space where there is one, each with its
-- words (a stripped vector: no positions); a result's snippet is the first passage whose words
-- match, read in order through the primary key.
create table live_post_passage (
    post_id uuid not null references live_post (post_id) on delete cascade,
    ordinal int not null,
    passage text not null,
    words tsvector not null,
    primary key (post_id, ordinal)
);

-- The one rule that cuts a body into passages, for the backfill below and the triggers: whole
-- words (the plain text has single spaces between them) up to 200 characters; a word longer
-- than that (a long address) is cut every 200 characters, its last piece starting the next
-- passage. One pass over the words, and none over what is left of the body, so a long body
-- costs in proportion to its length (a megabyte of text about half a second). (A
-- regular expression says the same in one line, and took 12 ms for an 800-word body, which
-- slowed publishing by a third; this takes about 2 ms, most of it to_tsvector.)
create function search_passages(body text, language regconfig)
    returns table (ordinal int, passage text, words tsvector)
    language plpgsql immutable strict parallel safe
as $$
declare
    cut text[] := '{}';
    current text := '';
    current_length int := 0;
    word text;
    word_length int;
    pieces text[];
    piece text;
begin
    foreach word in array string_to_array(body, ' ') loop
        word_length := length(word);
        continue when word_length = 0;
        if current_length > 0 and current_length + 1 + word_length > 200 then
            cut := cut || current;
            current := '';
            current_length := 0;
        end if;
        if word_length > 200 then
            pieces := array(select m.groups[1] from regexp_matches(word, '.{1,200}', 'g') as m (groups));
            foreach piece in array pieces[1:array_length(pieces, 1) - 1] loop
                cut := cut || piece;
            end loop;
            word := pieces[array_length(pieces, 1)];
            word_length := length(word);
        end if;
        if current_length = 0 then
            current := word;
            current_length := word_length;
        else
            current := current || ' ' || word;
            current_length := current_length + 1 + word_length;
        end if;
    end loop;
    if current_length > 0 then
        cut := cut || current;
    end if;
    return query
        select numbered.ordinal::int, numbered.passage, strip(to_tsvector(language, numbered.passage))
        from unnest(cut) with ordinality as numbered (passage, ordinal);
end
$$;

-- Written with the snapshot's search text (PostSearchIndex), in the same transaction, whatever
-- writes it: a publish, an update, a re-index in another language. Removed with the snapshot.
create function live_post_passages_write() returns trigger
    language plpgsql
as $$
begin
    delete from live_post_passage where post_id = new.post_id;
    insert into live_post_passage (post_id, ordinal, passage, words)
    select new.post_id, p.ordinal, p.passage, p.words from search_passages(new.search_body, new.search_language) p;
    return null;
end
$$;

create trigger live_post_passages_insert after insert on live_post
    for each row execute function live_post_passages_write();
create trigger live_post_passages_update after update of search_body, search_language on live_post
    for each row
    when (old.search_body is distinct from new.search_body or old.search_language is distinct from new.search_language)
    execute function live_post_passages_write();

insert into live_post_passage (post_id, ordinal, passage, words)
select lp.post_id, p.ordinal, p.passage, p.words
from live_post lp cross join lateral search_passages(lp.search_body, lp.search_language) p;
