package io.inkwell.imports;

import io.inkwell.common.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The source files imported posts came from (table post_source and post_source_file). */
@ApplicationScoped
class PostSourceRepository {

    record Source(UUID postId, String path, byte[] content, long importedVersion, List<SourceFile> files) {
    }

    /** An image file the source referenced, by its path in the upload. */
    record SourceFile(String path, UUID imageId) {
    }

    private final EntityManager entityManager;
    private final Clock clock;

    PostSourceRepository(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * Records the file a post was imported from, and the image files it used. {@code version}:
     * the post's version once the import's writes are flushed. {@code newPost}: it has no source
     * yet, no need to look.
     */
    void save(UUID postId, String source, String path, byte[] content, long version, Map<String, UUID> files,
            boolean newPost) {
        PostSource saved = newPost ? null : entityManager.find(PostSource.class, postId);
        boolean isNew = saved == null;
        if (isNew) {
            saved = new PostSource();
            saved.postId = postId;
        }
        saved.source = source;
        saved.path = path;
        saved.content = content;
        saved.importedAt = Times.now(clock);
        saved.files.keySet().retainAll(files.keySet());
        saved.files.putAll(files);
        saved.importedVersion = version;
        if (isNew) {
            // Once filled: Hibernate inserts the state an entity has when persisted.
            entityManager.persist(saved);
        }
    }

    /** The sources of these posts (those that have one), with their files. */
    Map<UUID, Source> find(Collection<UUID> postIds) {
        Map<UUID, Source> sources = new HashMap<>();
        for (PostSource source : entityManager.createQuery(
                "select distinct s from PostSource s left join fetch s.files where s.postId in :ids", PostSource.class)
                .setParameter("ids", postIds).getResultList()) {
            List<SourceFile> files = source.files.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(file -> new SourceFile(file.getKey(), file.getValue())).toList();
            sources.put(source.postId, new Source(source.postId, source.path, source.content, source.importedVersion, files));
        }
        return sources;
    }

    /** Posts an earlier import from {@code source} created whose file is not in this upload and that no file matched. */
    List<UUID> missingFrom(String source, Collection<String> uploadedPaths, Collection<UUID> matchedPosts) {
        Set<String> uploaded = Set.copyOf(uploadedPaths);
        Set<UUID> matched = Set.copyOf(matchedPosts);
        return entityManager.createQuery("select s.postId, s.path from PostSource s where s.source = :source", Object[].class)
                .setParameter("source", source).getResultList().stream()
                .filter(row -> !uploaded.contains((String) row[1]) && !matched.contains((UUID) row[0]))
                .map(row -> (UUID) row[0]).toList();
    }
}
