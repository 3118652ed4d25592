package io.inkwell.auth;

import io.inkwell.common.Text;
import io.inkwell.common.Times;
import io.inkwell.common.config.InkwellConfig;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Issues and checks Admin API bearer tokens. Only their SHA-256 is stored. */
@ApplicationScoped
public class TokenService implements PanacheRepositoryBase<ApiToken, UUID> {

    private static final Logger LOG = Logger.getLogger(TokenService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final InkwellConfig config;
    private final Clock clock;
    /** Every token not revoked, by the hash of its secret. */
    private volatile Map<String, ActiveToken> active = Map.of();

    /** What a valid token is: never its secret. */
    public record ActiveToken(UUID id, String name, String role, OffsetDateTime createdAt) {
    }

    public TokenService(InkwellConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    void installBootstrapToken(@Observes StartupEvent event) {
        Optional<String> configured = config.adminToken().filter(token -> !token.isBlank());
        if (configured.isPresent()) {
            String hash = hash(configured.get());
            if (find("tokenHash", hash).firstResultOptional().isEmpty()) {
                store("bootstrap admin (INKWELL_ADMIN_TOKEN)", hash);
                LOG.info("Installed the admin token from INKWELL_ADMIN_TOKEN.");
            }
        } else if (count() == 0) {
            String token = generate();
            store("bootstrap admin (generated)", hash(token));
            // Printed once: only the hash is kept, so this is the one chance to copy it.
            LOG.warnf("No admin token existed, so one was generated. Copy it now, it is not shown again:%n%n    %s%n", token);
        }
        flush(); // the query below must see the token just stored
        refreshActiveTokens();
    }

    /** Answers from memory: the filter runs on the I/O thread and must not block on the database. */
    public boolean isValid(String token) {
        return find(token).isPresent();
    }

    /** A valid token, from memory: authentication must not wait for the database. */
    public Optional<ActiveToken> find(String token) {
        return token == null || token.isBlank() ? Optional.empty() : Optional.ofNullable(active.get(hash(token)));
    }

    /** Revoked or new tokens from other instances are seen within this interval. */
    @Scheduled(every = "5s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void refreshActiveTokens() {
        Map<String, ActiveToken> tokens = new HashMap<>();
        for (ApiToken token : list("revokedAt is null")) {
            tokens.put(token.tokenHash, new ActiveToken(token.id, token.name, token.role, token.createdAt));
        }
        active = Map.copyOf(tokens);
    }

    private void store(String name, String hash) {
        ApiToken token = new ApiToken();
        token.id = UUID.randomUUID();
        token.name = name;
        token.tokenHash = hash;
        token.role = "admin";
        token.createdAt = Times.now(clock);
        persist(token);
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "ink_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        return Text.sha256(token);
    }
}
