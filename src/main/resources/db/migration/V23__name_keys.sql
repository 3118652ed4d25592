-- How names are compared: NFKC case folding of the name as stored (Unicode's rule for
-- identifiers: "Straße" and "STRASSE", "ﬁle" and "FILE", fullwidth "Ｆｕｌｌ" and "full" are one),
-- computed in Java (NamedReferences.key), which PostgreSQL's lower() is not. Rows from before
-- get theirs at the server's start (NameKeys), before it serves.
alter table term add column name_key text;
alter table author add column name_key text;
create index term_name_key on term (taxonomy, name_key);
create index author_name_key on author (name_key);
drop index term_name_lower;
drop index author_name_lower;
