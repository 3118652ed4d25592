package io.inkwell.image;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.NaturalId;

@Entity
@Table(name = "image")
public class Image {
    @Id
    public UUID id;
    @Column(name = "upload_sha256")
    public String uploadSha256;
    /** SHA-256 of the bytes we serve: part of every media URL. */
    @NaturalId
    public String sha256;
    public String filename;
    public String format;
    public int width;
    public int height;
    public long bytes;
    public boolean animated;
    public String alt;
    public String caption;
    @Column(name = "dominant_color")
    public String dominantColor;
    public String placeholder;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Version
    public long version;

    public ImageFormat imageFormat() {
        return ImageFormat.fromValue(format);
    }

    /** The original's storage key: its content hash. */
    String storageKey() {
        return sha256;
    }
}
