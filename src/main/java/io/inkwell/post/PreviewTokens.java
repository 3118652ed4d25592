package io.inkwell.post;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Signs and checks preview tokens ({@link PreviewToken}) with the key stored in the database
 * ({@code signing_key}), which every instance shares and which outlives restarts.
 */
@ApplicationScoped
class PreviewTokens {

    private static final String KEY_NAME = "preview";
    private static final int KEY_BYTES = 32;

    private final EntityManager entityManager;
    private volatile byte[] key;

    PreviewTokens(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Reads the key, making it first if no instance has yet. Instances starting together each
     * offer a key and the primary key lets one win; the others' inserts wait for its commit and
     * do nothing, and the select that follows (a new snapshot) reads the winner's key.
     */
    @Transactional
    void loadKey(@Observes StartupEvent event) {
        byte[] offered = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(offered);
        entityManager.createNativeQuery("insert into signing_key (name, secret) values (?1, ?2) on conflict (name) do nothing")
                .setParameter(1, KEY_NAME).setParameter(2, offered).executeUpdate();
        key = (byte[]) entityManager.createNativeQuery("select secret from signing_key where name = ?1")
                .setParameter(1, KEY_NAME).getSingleResult();
    }

    String sign(PreviewToken token) {
        return token.sign(key);
    }

    /** The post and expiry a token names, if this server signed it; expired tokens included. */
    Optional<PreviewToken> read(String token) {
        return PreviewToken.verify(token, key);
    }
}
