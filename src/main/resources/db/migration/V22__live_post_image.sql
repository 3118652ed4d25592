-- Which images a post's live version uses (its feature image, /media/ links in its Markdown),
-- beside post_image for its working copy: an image a published post still shows, though its
-- unpublished edit dropped it, is in use, and deleting it needs ?force=true.
create table live_post_image (
    post_id  uuid not null references live_post (post_id) on delete cascade,
    image_id uuid not null references image (id) on delete cascade,
    primary key (post_id, image_id)
);
create index live_post_image_image on live_post_image (image_id);

-- The live versions published before: the same rule as ImageService.MEDIA_REFERENCE, on the
-- Markdown the snapshot keeps, a link by id or by the hash of the served bytes.
insert into live_post_image (post_id, image_id)
select l.post_id, i.id
from live_post l
cross join lateral regexp_matches(cast(l.state as jsonb) ->> 'markdown',
    '/media/([0-9a-fA-F]{64}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})/[^\s)"''?#<>]+', 'g') as link
join image i on i.sha256 = lower(link[1]) or i.id::text = lower(link[1])
union
select l.post_id, l.feature_image_id from live_post l where l.feature_image_id is not null;
