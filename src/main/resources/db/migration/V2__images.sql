-- Images: metadata here, bytes behind the MediaStorage interface (by default in image_blob,
-- in the same transaction as the metadata).

create table image (
    id             uuid primary key,
    -- SHA-256 of the uploaded bytes: the same upload twice is one image.
    upload_sha256  text        not null unique,
    -- SHA-256 of the bytes we serve (upright, without personal EXIF); part of every media URL.
    sha256         text        not null unique,
    filename       text        not null,
    format         text        not null check (format in ('jpeg', 'png', 'gif', 'webp')),
    width          integer     not null,
    height         integer     not null,
    bytes          bigint      not null,
    animated       boolean     not null default false,
    alt            text,
    caption        text,
    dominant_color text        not null,
    placeholder    text        not null,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    version        bigint      not null default 0
);
create index image_newest on image (created_at desc, id);

create table image_variant (
    image_id    uuid    not null references image (id) on delete cascade,
    width       integer not null,
    height      integer not null,
    format      text    not null,
    bytes       bigint  not null,
    storage_key text    not null,
    primary key (image_id, width)
);

-- Content-addressed bytes for the database storage backend.
create table media_blob (
    storage_key text primary key,
    content     bytea not null
);

-- Which images a post's working copy uses (feature image, /media/ links in its Markdown).
create table post_image (
    post_id  uuid not null references post (id) on delete cascade,
    image_id uuid not null references image (id) on delete cascade,
    primary key (post_id, image_id)
);
create index post_image_image on post_image (image_id);

alter table post add column feature_image_id uuid references image (id) on delete set null;
