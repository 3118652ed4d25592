-- Search ranks every match of a query (PostSearch), and a common word matches most posts. A
-- vector out of line costs a TOAST index lookup and three chunk reads to rank, which made up
-- most of a search's time; in the row it is read where the row is. So the vector stays in the
-- row (storage main: out of line only when the row cannot fit a page), and the row may fill a
-- page before its other large columns go out of line: with the default target (2 KB) every
-- text column but the smallest would be moved out to make room for the vector, the summary
-- the posts list reads among them. A vector of a long post (over about 7 KB) still goes out of
-- line.
alter table live_post set (toast_tuple_target = 8160);
alter table live_post alter column search_vector set storage main;

-- Storage applies to values written from now on: write the existing vectors again (the
-- generated column is recomputed when a column it reads is set).
update live_post set search_language = search_language;
