package io.inkwell.imports;

import io.inkwell.common.Times;
import io.inkwell.common.db.DeferredWrites;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** The source files imported posts came from (table post_source and post_source_file). */
@ApplicationScoped
class PostSourceRepository {

    record Source(UUID postId, String path, byte[] content, long importedVersion, List<SourceFile> files) {
    }

    /** An image file the source referenced, by its path in the upload. */
    record SourceFile(String path, UUID imageId) {
    }

    private final EntityManager entityManager;
    private final DeferredWrites writes;
    private final Clock clock;

    PostSourceRepository(EntityManager entityManager, DeferredWrites writes, Clock clock) {
        this.entityManager = entityManager;
        this.writes = writes;
        this.clock = clock;
    }

    /**
     * Records the file a post was imported from, and the image files it used. The version is
     * read when the statement runs: the post's version after the import's flush.
     */
    void save(UUID postId, String source, String path, byte[] content, LongSupplier version, Map<String, UUID> files) {
        writes.execute("""
                insert into post_source (post_id, source, path, content, imported_version, imported_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (post_id) do update set source = excluded.source, path = excluded.path,
                    content = excluded.content, imported_version = excluded.imported_version,
                    imported_at = excluded.imported_at""",
                postId, source, path, content, (Supplier<Long>) version::getAsLong, Times.now(clock));
        writes.execute("""
                with gone as (delete from post_source_file where post_id = ? and not (path = any (?)))
                insert into post_source_file (post_id, path, image_id)
                select ?, file.path, file.image_id from unnest(?, ?) as file (path, image_id)
                on conflict (post_id, path) do update set image_id = excluded.image_id""",
                postId, files.keySet().toArray(String[]::new), postId, files.keySet().toArray(String[]::new),
                files.values().toArray(UUID[]::new));
    }

    /** The sources of these posts (those that have one), with their files: two queries for a batch. */
    @SuppressWarnings("unchecked")
    Map<UUID, Source> find(Collection<UUID> postIds) {
        UUID[] ids = postIds.toArray(UUID[]::new);
        Map<UUID, List<SourceFile>> files = new HashMap<>();
        List<Object[]> fileRows = entityManager.createNativeQuery(
                "select post_id, path, image_id from post_source_file where post_id = any (cast(?1 as uuid[])) order by path")
                .setParameter(1, ids).getResultList();
        for (Object[] row : fileRows) {
            files.computeIfAbsent((UUID) row[0], id -> new ArrayList<>()).add(new SourceFile((String) row[1], (UUID) row[2]));
        }
        List<Object[]> rows = entityManager.createNativeQuery(
                "select post_id, path, content, imported_version from post_source where post_id = any (cast(?1 as uuid[]))")
                .setParameter(1, ids).getResultList();
        Map<UUID, Source> sources = new HashMap<>();
        for (Object[] row : rows) {
            UUID postId = (UUID) row[0];
            sources.put(postId, new Source(postId, (String) row[1], (byte[]) row[2], ((Number) row[3]).longValue(),
                    files.getOrDefault(postId, List.of())));
        }
        return sources;
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
