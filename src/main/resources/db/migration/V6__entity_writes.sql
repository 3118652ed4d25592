-- Every table the server writes is now mapped as a Hibernate entity (until V6 eight were written
-- with hand-made SQL).

-- An entity needs a key. Slugs are stored lower case (the API normalizes them), so (type, slug)
-- identifies an alias.
update post_slug_alias set slug = lower(slug) where slug <> lower(slug);
alter table post_slug_alias add primary key (type, slug);

-- Hibernate batches a flush's inserts by table (hibernate.order_inserts), which may send a
-- post's snapshot, source or links before the post row itself when they belong to different
-- files of one import batch. Foreign keys are therefore checked at commit, where the order of
-- the statements no longer matters; ON DELETE actions still run at once.
do $$
declare
    fk record;
begin
    for fk in select conrelid::regclass as tbl, conname from pg_constraint
              where contype = 'f' and connamespace = current_schema()::regnamespace
    loop
        execute format('alter table %s alter constraint %I deferrable initially deferred', fk.tbl, fk.conname);
    end loop;
end $$;
