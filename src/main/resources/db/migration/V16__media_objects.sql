-- The stored objects of image bytes (originals and variants), whatever the storage backend
-- (database, filesystem, S3), with how many committed rows use each. Every put and delete of
-- an object takes this row's lock in its own transaction, so two uploads of the same bytes, or
-- an upload and the deletion of the last image with those bytes, are decided one after the
-- other: the object is written by the transaction that takes the count from 0 to 1, and
-- removed only after a commit left it at 0, under the same lock (MediaObjectLedger).
create table media_object (
    storage_key text   primary key,
    refs        bigint not null check (refs >= 0)
);

-- Objects stored before this table: an original per image (its key is its served bytes'
-- SHA-256) and a variant per image_variant row.
insert into media_object (storage_key, refs)
select storage_key, count(*)
from (select sha256 as storage_key from image
      union all
      select storage_key from image_variant) stored
group by storage_key;

-- Objects copied to another storage and read back with the right SHA-256 there, by target
-- (e.g. 's3://bucket/prefix'): a copy run again skips them (MediaMigration).
create table media_copy (
    storage_key text        not null,
    target      text        not null,
    sha256      text        not null,
    verified_at timestamptz not null,
    primary key (target, storage_key)
);
