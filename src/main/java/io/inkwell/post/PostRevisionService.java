package io.inkwell.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.inkwell.common.error.BadRequestException;
import io.inkwell.common.error.ResourceNotFoundException;
import io.inkwell.common.paging.Page;
import io.inkwell.common.paging.PageRequest;
import io.inkwell.common.web.Json;
import io.inkwell.post.PostDtos.FieldChange;
import io.inkwell.post.PostDtos.RevisionActor;
import io.inkwell.post.PostDtos.RevisionContent;
import io.inkwell.post.PostDtos.RevisionDiff;
import io.inkwell.post.PostDtos.RevisionSummary;
import io.inkwell.post.PostDtos.RevisionView;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * The Admin API's reads of a post's revisions: the list, one revision, and how one differs
 * from the working copy or another revision. Restoring one is a post write ({@link PostService}).
 */
@ApplicationScoped
public class PostRevisionService {

    /** Lines of context around each change in the Markdown diff, as {@code diff -u} shows. */
    private static final int CONTEXT_LINES = 3;
    private static final String CURRENT = "current";

    private final PostRevisions revisions;
    private final PostRepository posts;
    private final Json json;

    PostRevisionService(PostRevisions revisions, PostRepository posts, Json json) {
        this.revisions = revisions;
        this.posts = posts;
        this.json = json;
    }

    /** Newest first, without content. */
    public Page<RevisionSummary> list(UUID postId, PageRequest page) {
        post(postId);
        PanacheQuery<PostRevision> query = revisions.find("postId = ?1 order by number desc", postId);
        List<RevisionSummary> found = query.page(page.page() - 1, page.limit()).stream()
                .map(revision -> new RevisionSummary(revision.number, content(revision).title(), revision.source,
                        savedBy(revision), revision.createdAt, revision.savedAt, revision.saves, revision.publishedAt))
                .toList();
        return page.toPage(found, query.count());
    }

    public RevisionView get(UUID postId, int number) {
        post(postId);
        PostRevision revision = revisions.get(postId, number);
        PostContent content = content(revision);
        return new RevisionView(revision.number, revision.source, savedBy(revision), revision.createdAt,
                revision.savedAt, revision.saves, revision.publishedAt,
                new RevisionContent(content.title(), content.slug(), content.markdown(), content.excerpt(),
                        content.featureImage(), content.authors(), content.tags(), content.categories(), content.meta()));
    }

    /**
     * What changes from {@code against} ("current", the working copy, or a revision number of
     * the same post) to revision {@code number}: against the working copy, what restoring it
     * would change.
     */
    public RevisionDiff diff(UUID postId, int number, String against) {
        Post post = post(postId);
        PostContent revision = content(revisions.get(postId, number));
        String base = against == null || against.isBlank() ? CURRENT : against.strip();
        PostContent from;
        String fromName;
        if (base.equals(CURRENT)) {
            from = PostRevisions.revisable(PostMapping.content(post));
            fromName = CURRENT;
        } else {
            int other = revisionNumber(base);
            from = content(revisions.get(postId, other));
            fromName = "revision-" + other;
        }
        List<FieldChange> fields = new ArrayList<>();
        compare(fields, "title", from, revision, PostContent::title);
        compare(fields, "slug", from, revision, PostContent::slug);
        compare(fields, "excerpt", from, revision, PostContent::excerpt);
        compare(fields, "featureImage", from, revision, PostContent::featureImage);
        compare(fields, "authors", from, revision, PostContent::authors);
        compare(fields, "tags", from, revision, PostContent::tags);
        compare(fields, "categories", from, revision, PostContent::categories);
        compare(fields, "meta", from, revision, content -> json.read(content.meta(), JsonNode.class));
        return new RevisionDiff(number, base, fields,
                unifiedDiff(from.markdown(), fromName, revision.markdown(), "revision-" + number));
    }

    /*
     * Lines are compared with their line ends and split at LF only, as git does: a CR stays in
     * its line (at its end for CRLF), so a change between LF, CRLF and a lone CR shows, and a last
     * line without LF is followed by "\ No newline at end of file".
     */
    private static String unifiedDiff(String from, String fromName, String to, String toName) {
        List<String> fromLines = linesWithEnds(from);
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff(fromName, toName, fromLines,
                DiffUtils.diff(fromLines, linesWithEnds(to)), CONTEXT_LINES);
        StringBuilder diff = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean header = i < 2 || line.startsWith("@@");
            if (header || line.endsWith("\n")) {
                diff.append(line, 0, header ? line.length() : line.length() - 1).append('\n');
            } else {
                diff.append(line).append("\n\\ No newline at end of file\n");
            }
        }
        return diff.toString();
    }

    /** The text's lines, each with the LF that ends it (the last may have none). */
    private static List<String> linesWithEnds(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
            lines.add(text.substring(start, end + 1));
            start = end + 1;
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static <T> void compare(List<FieldChange> changes, String field, PostContent from, PostContent to,
            Function<PostContent, T> value) {
        T before = value.apply(from);
        T after = value.apply(to);
        if (!Objects.equals(before, after)) {
            changes.add(new FieldChange(field, before, after));
        }
    }

    private static int revisionNumber(String against) {
        try {
            int number = Integer.parseInt(against);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestException("against", "Must be 'current' or a revision number (1 or more).");
    }

    private PostContent content(PostRevision revision) {
        return json.read(revision.content, PostContent.class);
    }

    private static RevisionActor savedBy(PostRevision revision) {
        return new RevisionActor(revision.tokenId, revision.tokenName, revision.authorId);
    }

    private Post post(UUID id) {
        return posts.findByIdOptional(id)
                .orElseThrow(() -> new ResourceNotFoundException("No post with id " + id + "."));
    }
}
