package io.inkwell.image;

import io.inkwell.common.paging.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.Session;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ImageRepository implements PanacheRepositoryBase<Image, UUID> {

    public Optional<Image> findByUploadSha(String sha) {
        return find("uploadSha256", sha).firstResultOptional();
    }

    /**
     * By the hash of the served bytes, the image's natural id: an image stored earlier in the
     * same transaction is found without flushing it.
     */
    public Optional<Image> findBySha(String sha) {
        return getEntityManager().unwrap(Session.class).bySimpleNaturalId(Image.class).loadOptional(sha);
    }

    /** Newest first; with {@code unusedOnly}, only images no post uses. */
    public PanacheQuery<Image> newest(boolean unusedOnly) {
        String usedFilter = unusedOnly
                ? "where not exists (select 1 from PostImage pi where pi.imageId = image.id) "
                        + "and not exists (select 1 from LivePost l where image.id member of l.imageIds) " : "";
        return find("from Image image " + usedFilter + "order by image.createdAt desc, image.id");
    }

    public List<Image> page(PanacheQuery<Image> query, PageRequest page) {
        return query.page(page.page() - 1, page.limit()).list();
    }

    /** The posts whose working copy or live version uses the image (feature image or a link in the Markdown). */
    public List<UUID> postsUsing(UUID imageId) {
        // A working copy or a live version: a published post's unpublished edit may have dropped it.
        return getEntityManager().createNativeQuery("select post_id from post_image where image_id = ?1 "
                + "union select post_id from live_post_image where image_id = ?1", UUID.class)
                .setParameter(1, imageId).getResultList();
    }

    /** The storage keys of every original and variant, for copies between storages. */
    public List<String> storedKeys() {
        List<String> keys = new java.util.ArrayList<>(getEntityManager()
                .createQuery("select i.sha256 from Image i order by i.sha256", String.class).getResultList());
        keys.addAll(getEntityManager().createQuery("select v.storageKey from ImageVariant v order by v.storageKey",
                String.class).getResultList());
        return keys;
    }

    public List<String> variantKeys(UUID imageId) {
        return getEntityManager().createQuery("select v.storageKey from ImageVariant v where v.imageId = :image", String.class)
                .setParameter("image", imageId).getResultList();
    }

    /** Records a variant made just now; flushed at once, so a concurrent request's same variant fails here. */
    public void recordVariant(UUID imageId, int width, int height, ImageFormat format, long bytes, String key) {
        ImageVariant variant = new ImageVariant();
        variant.imageId = imageId;
        variant.width = width;
        variant.height = height;
        variant.format = format.toString();
        variant.bytes = bytes;
        variant.storageKey = key;
        getEntityManager().persist(variant);
        getEntityManager().flush();
    }

    public Optional<String> variantFormat(UUID imageId, int width) {
        return Optional.ofNullable(getEntityManager().find(ImageVariant.class, new ImageVariant.Key(imageId, width)))
                .map(variant -> variant.format);
    }

    /** Replaces the set of images a post's working copy uses. {@code newPost}: it has none yet, no need to look. */
    public void replaceUsage(UUID postId, Collection<UUID> imageIds, boolean newPost) {
        Set<UUID> wanted = new LinkedHashSet<>(imageIds);
        if (!newPost) {
            for (PostImage used : getEntityManager().createQuery("from PostImage pi where pi.postId = :post", PostImage.class)
                    .setParameter("post", postId).getResultList()) {
                if (!wanted.remove(used.imageId)) {
                    getEntityManager().remove(used);
                }
            }
        }
        for (UUID imageId : wanted) {
            PostImage usage = new PostImage();
            usage.postId = postId;
            usage.imageId = imageId;
            getEntityManager().persist(usage);
        }
    }
}
