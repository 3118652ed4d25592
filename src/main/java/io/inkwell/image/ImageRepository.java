package io.inkwell.image;

import io.inkwell.common.db.DeferredWrites;
import io.inkwell.common.paging.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ImageRepository implements PanacheRepositoryBase<Image, UUID> {

    private final DeferredWrites writes;

    public ImageRepository(DeferredWrites writes) {
        this.writes = writes;
    }

    public Optional<Image> findByUploadSha(String sha) {
        return find("uploadSha256", sha).firstResultOptional();
    }

    public Optional<Image> findBySha(String sha) {
        return find("sha256", sha).firstResultOptional();
    }

    /** Newest first; with {@code unusedOnly}, only images no post uses. */
    public PanacheQuery<Image> newest(boolean unusedOnly) {
        String usedFilter = unusedOnly
                ? "where not exists (select 1 from PostImage pi where pi.imageId = image.id) " : "";
        return find("from Image image " + usedFilter + "order by image.createdAt desc, image.id");
    }

    public List<Image> page(PanacheQuery<Image> query, PageRequest page) {
        return query.page(page.page() - 1, page.limit()).list();
    }

    @SuppressWarnings("unchecked")
    public List<Object[]> postsUsing(UUID imageId) {
        return getEntityManager().createNativeQuery("""
                select p.id, p.title from post p
                where p.feature_image_id = ?1 or exists (select 1 from post_image pi where pi.post_id = p.id and pi.image_id = ?1)
                order by p.title""").setParameter(1, imageId).getResultList();
    }

    @SuppressWarnings("unchecked")
    public List<String> variantKeys(UUID imageId) {
        return getEntityManager().createNativeQuery("select storage_key from image_variant where image_id = ?1")
                .setParameter(1, imageId).getResultList();
    }


    public void recordVariant(UUID imageId, int width, int height, ImageFormat format, long bytes, String key) {
        getEntityManager().createNativeQuery("""
                insert into image_variant (image_id, width, height, format, bytes, storage_key)
                values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (image_id, width) do nothing""")
                .setParameter(1, imageId).setParameter(2, width).setParameter(3, height)
                .setParameter(4, format.toString()).setParameter(5, bytes).setParameter(6, key).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public Optional<String> variantFormat(UUID imageId, int width) {
        List<String> formats = getEntityManager().createNativeQuery(
                "select format from image_variant where image_id = ?1 and width = ?2")
                .setParameter(1, imageId).setParameter(2, width).getResultList();
        return formats.stream().findFirst();
    }

    /**
     * Replaces the set of images a post's working copy uses, in one statement that deletes only
     * the links that went, so an import can batch it with other posts'.
     */
    public void replaceUsage(UUID postId, Collection<UUID> imageIds) {
        UUID[] ids = imageIds.stream().distinct().toArray(UUID[]::new);
        writes.execute("""
                with gone as (delete from post_image where post_id = ? and not (image_id = any (?)))
                insert into post_image (post_id, image_id) select ?, unnest(?) on conflict do nothing""",
                postId, ids, postId, ids);
    }
}
