-- Large text and bytes are stored out of line without compression. PostgreSQL's built-in
-- compressor (pglz; the embedded server has no lz4) cost about a second of database time per
-- thousand imported posts, more than every other write together, to save a few megabytes;
-- image bytes are already compressed and gain nothing from it.

alter table post
    alter column markdown set storage external,
    alter column html set storage external;

alter table live_post
    alter column state set storage external,
    alter column body_json set storage external,
    alter column summary_json set storage external;

alter table post_source
    alter column content set storage external;

alter table media_blob
    alter column content set storage external;
