-- A published post's feature image as a column, so that changing or deleting an image finds the
-- snapshots showing it by index instead of searching every snapshot's text.
alter table live_post add column feature_image_id uuid;
update live_post set feature_image_id = (state::jsonb ->> 'featureImageId')::uuid
    where state::jsonb ->> 'featureImageId' is not null;
create index live_post_feature_image on live_post (feature_image_id) where feature_image_id is not null;
