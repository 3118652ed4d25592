-- A name a post gives is the tag, category or author that bears it (any case), a renamed one
-- too, before the one whose slug the name makes: looked up for every name of every post saved
-- or imported. Not unique: a database may already hold two that differ only in case; the
-- Admin API refuses new ones (409).
create index author_name_lower on author (lower(name));
create index term_name_lower on term (taxonomy, lower(name));
