package io.inkwell.post;

import io.inkwell.common.config.InkwellConfig;
import io.inkwell.common.error.GoneException;
import io.inkwell.common.error.ResourceNotFoundException;
import io.inkwell.common.web.Routes;
import io.inkwell.post.PostDtos.PreviewLink;
import io.inkwell.post.PostDtos.PreviewRequest;
import io.inkwell.common.web.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Preview links: a signed token that shows one post's working copy, in the Content API's shape,
 * to whoever holds it until it expires. Nothing is stored per link; the token says which post
 * and until when, so a link follows every later edit and dies with its post.
 */
@ApplicationScoped
public class PostPreviews {

    static final int MIN_LIFETIME_SECONDS = 60;
    static final int MAX_LIFETIME_SECONDS = 7 * 24 * 3600;
    static final Duration DEFAULT_LIFETIME = Duration.ofHours(24);

    private final PostRepository posts;
    private final LiveSnapshots live;
    private final PreviewTokens tokens;
    private final PostPermissions permissions;
    private final Optional<String> frontendUrl;
    private final Clock clock;
    private final PostLinks links;
    private final Json json;

    PostPreviews(PostRepository posts, LiveSnapshots live, PreviewTokens tokens, PostPermissions permissions,
            InkwellConfig config, Clock clock, PostLinks links, Json json) {
        this.links = links;
        this.json = json;
        this.posts = posts;
        this.permissions = permissions;
        this.live = live;
        this.tokens = tokens;
        this.frontendUrl = config.preview().frontendUrl();
        this.clock = clock;
    }

    /**
     * A link to the post's working copy for {@code request.expiresInSeconds} (a day when not
     * given); {@code apiBase} is the address the server was called at, which the link starts with.
     */
    public PreviewLink create(UUID postId, PreviewRequest request, URI apiBase) {
        Post post = posts.findByIdOptional(postId)
                .orElseThrow(() -> new ResourceNotFoundException("No post with id " + postId + "."));
        permissions.checkOwn(post);
        Duration lifetime = request == null || request.expiresInSeconds() == null ? DEFAULT_LIFETIME
                : Duration.ofSeconds(request.expiresInSeconds());
        PreviewToken preview = new PreviewToken(post.id, clock.instant().plus(lifetime));
        String token = tokens.sign(preview);
        String url = UriBuilder.fromUri(apiBase).path(Routes.CONTENT).path("preview").path(token).build().toString();
        return new PreviewLink(token, url, frontendUrl(post, token).orElse(null),
                OffsetDateTime.ofInstant(preview.expiresAt(), ZoneOffset.UTC), post.id);
    }

    /**
     * The working copy a token shows, as it is now. A token this server did not sign, or whose
     * post was deleted, finds nothing (404); an expired one is gone (410). As JSON, with the
     * addresses a live post has ({@link PostLinks}).
     */
    public String workingCopy(String token) {
        PreviewToken preview = tokens.read(token)
                .orElseThrow(() -> new ResourceNotFoundException("No preview at this address."));
        if (!clock.instant().isBefore(preview.expiresAt())) {
            throw new GoneException("This preview link expired at " + preview.expiresAt() + "; ask for a new one.");
        }
        Post post = posts.findByIdOptional(preview.postId())
                .orElseThrow(() -> new ResourceNotFoundException("The post of this preview no longer exists."));
        return links.addTo(json.write(live.preview(post)));
    }

    private Optional<String> frontendUrl(Post post, String token) {
        return frontendUrl.map(template -> template
                .replace("{token}", token)
                .replace("{slug}", URLEncoder.encode(post.slug, StandardCharsets.UTF_8))
                .replace("{type}", post.type.toString()));
    }
}
