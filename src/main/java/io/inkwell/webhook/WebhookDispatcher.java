package io.inkwell.webhook;

import io.inkwell.common.Times;
import io.inkwell.common.config.InkwellConfig;
import io.inkwell.common.db.ScheduledWork;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries. A batch is claimed in a short transaction ({@code FOR UPDATE SKIP LOCKED},
 * then leased), sent at once outside any transaction, and each outcome written in another: with
 * several instances each attempt is made by one of them, and a delivery whose instance died
 * mid-attempt is tried again when its lease ends (at least once, never lost). Failures are retried
 * with exponential backoff and jitter until INKWELL_WEBHOOKS_GIVE_UP_AFTER, then marked failed.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * A batch's attempts run side by side, so all of them end within connect plus attempt
     * timeout; twice that leaves room for writing the outcomes. Short, because after a crash
     * the deliveries its instance held wait this long.
     */
    private static final Duration LEASE = CONNECT_TIMEOUT.plus(ATTEMPT_TIMEOUT).multipliedBy(2);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final int BATCH = 20;

    private final EntityManager entityManager;
    private final WebhookTargets targets;
    private final ScheduledWork work;
    private final Clock clock;
    private final Duration retryBase;
    private final Duration giveUpAfter;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** A delivery taken for one attempt, with what sending it needs. */
    private record Claim(UUID deliveryId, String url, String secret, String payload, int attempts,
            OffsetDateTime createdAt) {
    }

    public WebhookDispatcher(EntityManager entityManager, WebhookTargets targets, ScheduledWork work,
            InkwellConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.targets = targets;
        this.work = work;
        this.clock = clock;
        this.retryBase = config.webhooks().retryBase();
        this.giveUpAfter = config.webhooks().giveUpAfter();
    }

    @Scheduled(every = "1s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deliverDue() {
        work.run("webhook delivery", () -> {
            for (List<Claim> claims = claimDue(); !claims.isEmpty(); claims = claimDue()) {
                attemptAll(claims);
            }
        });
    }

    private List<Claim> claimDue() {
        return QuarkusTransaction.requiringNew().call(() -> {
            OffsetDateTime now = Times.now(clock);
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("""
                    update webhook_delivery d set next_attempt_at = ?1, attempts = d.attempts + 1, last_attempt_at = ?2
                    from webhook w, webhook_event e
                    where d.id in (select id from webhook_delivery where status = 'pending' and next_attempt_at <= ?2
                                   order by next_attempt_at limit ?3 for update skip locked)
                      and w.id = d.webhook_id and e.id = d.event_id
                    returning d.id, w.url, w.secret, e.payload, d.attempts, d.created_at""")
                    .setParameter(1, now.plus(LEASE)).setParameter(2, now).setParameter(3, BATCH)
                    .getResultList();
            return rows.stream().map(row -> new Claim((UUID) row[0], (String) row[1], (String) row[2], (String) row[3],
                    ((Number) row[4]).intValue(), Times.toOffsetDateTime(row[5]))).toList();
        });
    }

    /** The outcome of one attempt: the receiver's status, if it answered, and what went wrong, if anything. */
    private record Outcome(Integer status, String error) {
    }

    /**
     * Sends every claimed delivery at once, so that one slow receiver cannot hold the others
     * past their lease, then writes each outcome.
     */
    private void attemptAll(List<Claim> claims) {
        List<CompletableFuture<Outcome>> sent = claims.stream().map(this::send).toList();
        for (int i = 0; i < claims.size(); i++) {
            Outcome outcome;
            try {
                outcome = sent.get(i).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // stopping: the leases end and other attempts follow
            } catch (ExecutionException e) {
                outcome = new Outcome(null, "Not delivered: " + e.getCause());
            }
            record(claims.get(i), outcome.status(), outcome.error());
        }
    }

    private CompletableFuture<Outcome> send(Claim claim) {
        Optional<String> refused = targets.refusal(claim.url());
        if (refused.isPresent()) {
            return CompletableFuture.completedFuture(new Outcome(null, "Not sent: " + refused.get()));
        }
        long timestamp = clock.instant().getEpochSecond();
        String id = claim.deliveryId().toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(claim.url()))
                .timeout(ATTEMPT_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Inkwell-Webhooks")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(claim.secret(), id, timestamp, claim.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(claim.payload()))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> {
                    int status = response.statusCode();
                    return new Outcome(status, status >= 200 && status < 300 ? null : "The receiver answered " + status + ".");
                })
                .exceptionally(failure -> new Outcome(null, "Not delivered: "
                        + (failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure)));
    }

    private void record(Claim claim, Integer status, String error) {
        QuarkusTransaction.requiringNew().run(() -> {
            WebhookDelivery delivery = entityManager.find(WebhookDelivery.class, claim.deliveryId());
            if (delivery == null) {
                return; // its webhook was deleted meanwhile
            }
            OffsetDateTime now = Times.now(clock);
            delivery.lastStatus = status;
            delivery.lastError = error == null ? null : error.substring(0, Math.min(error.length(), 500));
            if (error == null) {
                delivery.status = WebhookDelivery.DELIVERED;
                delivery.nextAttemptAt = null;
            } else if (!now.isBefore(claim.createdAt().plus(giveUpAfter))) {
                delivery.status = WebhookDelivery.FAILED;
                delivery.nextAttemptAt = null;
                LOG.warnf("Webhook delivery %s failed for good after %d attempts: %s", delivery.id, claim.attempts(), error);
            } else {
                delivery.nextAttemptAt = now.plus(backoff(claim.attempts()));
            }
        });
    }

    /** retryBase, doubled per attempt up to an hour, give or take a fifth so retries spread out. */
    Duration backoff(int attempts) {
        long base = retryBase.toMillis() << Math.min(attempts - 1, 20);
        long capped = Math.min(base, MAX_BACKOFF.toMillis());
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.max(1, (long) (capped * jitter)));
    }
}
