package io.inkwell.imports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The source files imported posts came from (table post_source and post_source_file). */
@ApplicationScoped
class PostSourceRepository {

    record Source(UUID postId, String path, byte[] content, long importedVersion) {
    }

    private final EntityManager entityManager;

    PostSourceRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    void save(UUID postId, String source, String path, byte[] content, long version, Map<String, UUID> files,
            boolean newPost) {
        entityManager.createNativeQuery("""
                insert into post_source (post_id, source, path, content, imported_version, imported_at)
                values (?1, ?2, ?3, ?4, ?5, ?6)
                on conflict (post_id) do update set source = excluded.source, path = excluded.path,
                    content = excluded.content, imported_version = excluded.imported_version,
                    imported_at = excluded.imported_at""")
                .setParameter(1, postId).setParameter(2, source).setParameter(3, path).setParameter(4, content)
                .setParameter(5, version).setParameter(6, OffsetDateTime.now())
                .executeUpdate();
        if (!newPost) {
            entityManager.createNativeQuery("delete from post_source_file where post_id = ?1")
                    .setParameter(1, postId).executeUpdate();
        }
        files.forEach((filePath, imageId) -> entityManager.createNativeQuery(
                        "insert into post_source_file (post_id, path, image_id) values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, postId).setParameter(2, filePath).setParameter(3, imageId).executeUpdate());
    }

    Optional<Source> find(UUID postId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                "select path, content, imported_version from post_source where post_id = ?1")
                .setParameter(1, postId).getResultList();
        return rows.stream().findFirst()
                .map(row -> new Source(postId, (String) row[0], (byte[]) row[1], ((Number) row[2]).longValue()));
    }

    @SuppressWarnings("unchecked")
    List<Object[]> files(UUID postId) {
        return entityManager.createNativeQuery("select path, image_id from post_source_file where post_id = ?1 order by path")
                .setParameter(1, postId).getResultList();
    }

    /** Posts an earlier import from {@code source} created, that are live and not in this upload. */
    @SuppressWarnings("unchecked")
    List<Object[]> prunable(String source, Collection<String> uploadedPaths, Collection<UUID> matchedPosts) {
        return entityManager.createNativeQuery("""
                select p.id, p.type, p.slug from post_source s join post p on p.id = s.post_id
                where s.source = ?1 and p.status <> 'draft'
                  and not (s.path = any (cast(?2 as text[]))) and not (p.id = any (cast(?3 as uuid[])))
                order by p.slug""")
                .setParameter(1, source)
                .setParameter(2, uploadedPaths.toArray(String[]::new))
                .setParameter(3, matchedPosts.toArray(UUID[]::new))
                .getResultList();
    }
}
