package io.inkwell.imports;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The file an imported post came from, exactly as uploaded, so that a post nobody edited since
 * exports byte for byte; and the import source that made it, for prune.
 */
@Entity
@Table(name = "post_source")
class PostSource {
    @Id
    @Column(name = "post_id")
    UUID postId;
    String source;
    /** Where the export writes the file back. */
    String path;
    byte[] content;
    /** The post's version right after the import; while it is unchanged, nobody edited the post. */
    @Column(name = "imported_version")
    long importedVersion;
    @Column(name = "imported_at")
    OffsetDateTime importedAt;

    /** The image files (bundle resources, static images) the file referenced, by their path in the upload. */
    @ElementCollection
    @CollectionTable(name = "post_source_file", joinColumns = @JoinColumn(name = "post_id"))
    @MapKeyColumn(name = "path")
    @Column(name = "image_id")
    Map<String, UUID> files = new HashMap<>();
}
