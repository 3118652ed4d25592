package io.inkwell.auth;

import io.inkwell.auth.TokenDtos.CreateTokenRequest;
import io.inkwell.auth.TokenDtos.IssuedToken;
import io.inkwell.auth.TokenDtos.TokenView;
import io.inkwell.author.AuthorService;
import io.inkwell.common.Text;
import io.inkwell.common.Times;
import io.inkwell.common.config.InkwellConfig;
import io.inkwell.common.db.ScheduledWork;
import io.inkwell.common.error.ConflictException;
import io.inkwell.common.error.FieldError;
import io.inkwell.common.error.InvalidInputException;
import io.inkwell.common.error.ResourceNotFoundException;
import io.inkwell.common.paging.Page;
import io.inkwell.common.paging.PageRequest;
import io.inkwell.common.web.RequestReader;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import io.inkwell.common.db.BackgroundWork;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Issues, checks, rotates and revokes bearer tokens. Only the SHA-256 of a secret is stored: a
 * secret is 256 random bits, so a fast hash is enough, and a lookup by hash leaks nothing through
 * its timing (a caller cannot choose the bytes of the hash it probes). Valid tokens are kept in
 * memory and reloaded every half second, so a token revoked on any instance stops working on all
 * of them within a second.
 */
@ApplicationScoped
public class TokenService implements PanacheRepositoryBase<ApiToken, UUID> {

    private static final Logger LOG = Logger.getLogger(TokenService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "ink_";
    /** Characters of a secret shown in lists: the prefix and four random ones. */
    private static final int SHOWN_CHARACTERS = PREFIX.length() + 4;
    /** last_used_at is written at most this often per token: it is a hint, not an audit trail. */
    private static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);
    /** Two instances installing a new bootstrap token at once take turns. */
    private static final long BOOTSTRAP_LOCK = 0x696e6b77656c6cL;
    private static final long REFRESH_MILLIS = 500;

    private final InkwellConfig config;
    private final AuthorService authors;
    private final RequestReader reader;
    private final ScheduledWork work;
    private final Event<TokensChanged> changed;
    private final Clock clock;
    /** Every usable secret (current or in its rotation grace period), by its hash. */
    private volatile Map<String, Credential> credentials = Map.of();
    /*
     * Reloads run on the refresher's thread and after each commit that changes tokens, so two
     * can overlap: one that began before a commit (and read the tokens as they were) must not
     * replace what one begun after it published. Each takes a number when it begins; only a
     * higher number than the last published replaces the map.
     */
    private final AtomicLong reloadsBegun = new AtomicLong();
    private long publishedReload;
    /** Uses not yet written to last_used_at, and when each token's was last written. */
    private final Map<UUID, OffsetDateTime> unwrittenUses = new ConcurrentHashMap<>();
    private final Map<UUID, OffsetDateTime> writtenUses = new ConcurrentHashMap<>();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "inkwell-token-refresh");
        thread.setDaemon(true);
        return thread;
    });

    /** A secret's holder, and until when the secret works (null: until revoked). */
    private record Credential(Actor actor, OffsetDateTime validUntil) {
    }

    /** Fired when tokens change on this instance, so it sees them at once (others within a second). */
    record TokensChanged() {
    }

    public TokenService(InkwellConfig config, AuthorService authors, RequestReader reader, ScheduledWork work,
            Event<TokensChanged> changed, Clock clock) {
        this.config = config;
        this.work = work;
        this.reader = reader;
        this.authors = authors;
        this.changed = changed;
        this.clock = clock;
    }

    /**
     * Installs INKWELL_ADMIN_TOKEN as an admin token, revoking the one it replaces; with none set
     * and no token at all, generates one and prints it once.
     */
    @Transactional
    void installBootstrapToken(@Observes StartupEvent event) {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, BOOTSTRAP_LOCK)
                .getSingleResult();
        Optional<String> configured = config.adminToken().filter(token -> !token.isBlank());
        if (configured.isPresent()) {
            Optional<ApiToken> stored = find("tokenHash", hash(configured.get())).firstResultOptional();
            if (stored.isEmpty()) {
                long revoked = update("revokedAt = ?1 where bootstrap = true and revokedAt is null", Times.now(clock));
                store("bootstrap admin (INKWELL_ADMIN_TOKEN)", configured.get(), Role.ADMIN, null, null, true);
                LOG.infof("Installed the admin token from INKWELL_ADMIN_TOKEN%s.",
                        revoked > 0 ? " and revoked the bootstrap token it replaces" : "");
            } else if (stored.get().revokedAt != null) {
                LOG.warn("The token in INKWELL_ADMIN_TOKEN was revoked; set a new value to get an admin token.");
            }
        } else if (count() == 0) {
            String secret = generate();
            store("bootstrap admin (generated)", secret, Role.ADMIN, null, null, true);
            // Printed once: only the hash is kept, so this is the one chance to copy it.
            LOG.warnf("No admin token existed, so one was generated. Copy it now, it is not shown again:%n%n    %s%n", secret);
        }
        flush(); // the reload below must see the token just stored
        reload();
        // And again once committed: a periodic reload that read the tokens before the commit
        // may publish after the one above.
        changed.fire(new TokensChanged());
    }

    /** The holder of a usable secret, from memory: authentication must not wait for the database. */
    public Optional<Actor> authenticate(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        Credential credential = credentials.get(hash(secret));
        OffsetDateTime now = Times.now(clock);
        if (credential == null || (credential.validUntil() != null && !now.isBefore(credential.validUntil()))) {
            return Optional.empty();
        }
        unwrittenUses.merge(credential.actor().tokenId(), now, (a, b) -> a.isAfter(b) ? a : b);
        return Optional.of(credential.actor());
    }

    public Page<TokenView> list(PageRequest page) {
        PanacheQuery<ApiToken> query = find("revokedAt is null", Sort.by("createdAt").and("id"));
        List<TokenView> views = query.page(page.page() - 1, page.limit()).stream().map(TokenView::from).toList();
        return page.toPage(views, query.count());
    }

    public TokenView get(UUID id) {
        return TokenView.from(load(id));
    }

    /** Every bad field is named in one 422: the request's own constraints and the rules here. */
    @Transactional
    public IssuedToken create(CreateTokenRequest request) {
        List<FieldError> errors = new ArrayList<>(reader.fieldErrors(request));
        Role role = request.role(); // null is named above
        if (role != null && role.needsAuthor() && request.authorId() == null) {
            errors.add(new FieldError("authorId", "A " + role.wireName() + " token acts for an author: give its id."));
        } else if (role == Role.CONTENT && request.authorId() != null) {
            errors.add(new FieldError("authorId", "A content key acts for no one: leave this out."));
        } else if (request.authorId() != null && !authors.exists(request.authorId())) {
            errors.add(new FieldError("authorId", "No author with id " + request.authorId() + "."));
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(Times.now(clock))) {
            errors.add(new FieldError("expiresAt", "Must be in the future."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String secret = generate();
        ApiToken token = store(request.name().strip(), secret, request.role(), request.authorId(), request.expiresAt(), false);
        changed.fire(new TokensChanged());
        return new IssuedToken(secret, TokenView.from(token));
    }

    /**
     * A new secret for the token; the old one keeps working for {@code grace} (one grace period
     * at a time: rotating again ends the previous one). A bootstrap token is changed through
     * INKWELL_ADMIN_TOKEN instead, or the next start would install the old value again.
     */
    @Transactional
    public IssuedToken rotate(UUID id, Duration grace) {
        ApiToken token = findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .filter(found -> found.revokedAt == null).orElseThrow(() -> notFound(id));
        if (token.bootstrap) {
            throw new ConflictException("This token comes from INKWELL_ADMIN_TOKEN (or was generated at the first "
                    + "start): set a new INKWELL_ADMIN_TOKEN and restart instead; the old one is then revoked.");
        }
        String secret = generate();
        token.previousTokenHash = grace.isZero() ? null : token.tokenHash;
        token.previousValidUntil = grace.isZero() ? null : Times.now(clock).plus(grace);
        token.tokenHash = hash(secret);
        token.prefix = secret.substring(0, SHOWN_CHARACTERS);
        flush();
        changed.fire(new TokensChanged());
        return new IssuedToken(secret, TokenView.from(token));
    }

    /** Revokes at once: the token is refused here now, and on other instances within a second. */
    @Transactional
    public void revoke(UUID id) {
        ApiToken token = findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .filter(found -> found.revokedAt == null).orElseThrow(() -> notFound(id));
        if (Role.ADMIN.wireName().equals(token.role) && count("role = ?1 and revokedAt is null", token.role) == 1) {
            throw new ConflictException("This is the last admin token: create another admin token first, "
                    + "or nobody could manage tokens any more.");
        }
        token.revokedAt = Times.now(clock);
        changed.fire(new TokensChanged());
    }

    void onTokensChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) TokensChanged event) {
        QuarkusTransaction.requiringNew().run(this::reload);
    }

    /**
     * How other instances' new, rotated and revoked tokens reach this one: every half second
     * (Quarkus' scheduler runs jobs at most once a second, hence a thread of its own).
     */
    void startRefreshing(@Observes StartupEvent event) {
        refresher.scheduleWithFixedDelay(this::refresh, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stopRefreshing(@Observes ShutdownEvent event) {
        refresher.shutdownNow();
    }

    private void refresh() {
        try {
            // While the database is away the tokens known stay valid; an outage is logged once.
            BackgroundWork.run(() -> work.run("token refresh", () -> QuarkusTransaction.requiringNew().run(() -> {
                writeLastUses();
                reload();
            })));
        } catch (RuntimeException e) {
            // Thrown out of here, it would end the periodic refresh for good.
            LOG.warnf("Could not reload tokens: %s", e.toString());
        }
    }

    private void reload() {
        long number = reloadsBegun.incrementAndGet();
        Map<String, Credential> usable = new HashMap<>();
        for (ApiToken token : list("revokedAt is null")) {
            Actor actor = new Actor(token.id, token.name, Role.fromWire(token.role), token.authorId);
            usable.put(token.tokenHash, new Credential(actor, token.expiresAt));
            if (token.previousTokenHash != null) {
                usable.put(token.previousTokenHash, new Credential(actor, earliest(token.previousValidUntil, token.expiresAt)));
            }
        }
        publish(number, Map.copyOf(usable));
    }

    private synchronized void publish(long number, Map<String, Credential> usable) {
        if (number > publishedReload) {
            publishedReload = number;
            credentials = usable;
        }
    }

    private void writeLastUses() {
        for (Map.Entry<UUID, OffsetDateTime> use : unwrittenUses.entrySet()) {
            OffsetDateTime written = writtenUses.get(use.getKey());
            if (written == null || !use.getValue().isBefore(written.plus(LAST_USE_PRECISION))) {
                update("lastUsedAt = ?1 where id = ?2", use.getValue(), use.getKey());
                writtenUses.put(use.getKey(), use.getValue());
            }
            unwrittenUses.remove(use.getKey(), use.getValue());
        }
    }

    private ApiToken store(String name, String secret, Role role, UUID authorId, OffsetDateTime expiresAt, boolean bootstrap) {
        ApiToken token = new ApiToken();
        token.id = UUID.randomUUID();
        token.name = name;
        token.tokenHash = hash(secret);
        token.prefix = secret.startsWith(PREFIX) ? secret.substring(0, Math.min(SHOWN_CHARACTERS, secret.length())) : "";
        token.role = role.wireName();
        token.authorId = authorId;
        token.expiresAt = expiresAt;
        token.createdAt = Times.now(clock);
        token.bootstrap = bootstrap;
        persist(token);
        return token;
    }

    private ApiToken load(UUID id) {
        return find("id = ?1 and revokedAt is null", id).firstResultOptional().orElseThrow(() -> notFound(id));
    }

    private static ResourceNotFoundException notFound(UUID id) {
        return new ResourceNotFoundException("No token with id " + id + " (or it was revoked).");
    }

    private static OffsetDateTime earliest(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    /** {@code ink_} and 256 random bits: the prefix lets secret scanners find a leaked token. */
    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String secret) {
        return Text.sha256(secret);
    }
}
