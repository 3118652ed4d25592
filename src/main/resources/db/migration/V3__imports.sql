-- Where imported posts came from: the source file exactly as uploaded (so an unedited post
-- exports byte for byte), and which import source created it (for prune).

create table post_source (
    post_id          uuid primary key references post (id) on delete cascade,
    source           text,
    path             text        not null,
    content          bytea       not null,
    -- The post's version right after the import; while it is unchanged, nobody edited the post.
    imported_version bigint      not null,
    imported_at      timestamptz not null
);
create index post_source_source on post_source (source);

-- The image files (bundle resources, static images) an imported file referenced, by path.
create table post_source_file (
    post_id  uuid not null references post_source (post_id) on delete cascade,
    path     text not null,
    image_id uuid not null references image (id) on delete cascade,
    primary key (post_id, path)
);
