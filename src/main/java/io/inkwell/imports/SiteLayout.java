package io.inkwell.imports;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The files of an uploaded Hugo or Jekyll site and where its images are. Archive paths are the
 * entry names; site paths are the same without the folder GitHub and most tools wrap a site in
 * ({@code repo-main/content/...} becomes {@code content/...}).
 */
public final class SiteLayout {

    /** Folders a site's content lives in, so never the wrapping folder to strip. */
    private static final Set<String> SITE_FOLDERS = Set.of("content", "static", "assets", "images", "_posts",
            "_drafts", "layouts", "themes", "data", "archetypes", "_layouts", "_includes", "_data", "_sass");
    /** Where a site-absolute URL such as /images/a.jpg can come from, in Hugo's then Jekyll's layout. */
    private static final List<String> SITE_ROOTS = List.of("static/", "", "assets/", "content/");

    private final String root;
    private final Set<String> sitePaths;
    private final Set<String> bundleFolders;

    private SiteLayout(String root, Set<String> sitePaths) {
        this.root = root;
        this.sitePaths = sitePaths;
        this.bundleFolders = new LinkedHashSet<>();
        for (String path : sitePaths) {
            String fileName = ContentPaths.fileName(path);
            if (ContentPaths.isMarkdown(path) && ContentPaths.withoutExtension(fileName).equalsIgnoreCase("index")) {
                bundleFolders.add(ContentPaths.folderOf(path));
            }
        }
    }

    /** @param archivePaths the files of the archive (directories may be left out) */
    public static SiteLayout of(Collection<String> archivePaths) {
        List<String> files = new ArrayList<>();
        for (String path : archivePaths) {
            String clean = path.replace('\\', '/');
            while (clean.startsWith("./")) {
                clean = clean.substring(2);
            }
            // macOS archivers add resource forks that are no part of the site (and a second top folder).
            boolean macOsLeftover = clean.startsWith("__MACOSX/") || ContentPaths.fileName(clean).equals(".DS_Store");
            if (!clean.isEmpty() && !clean.endsWith("/") && !macOsLeftover) {
                files.add(clean);
            }
        }
        String root = commonFolder(files);
        Set<String> sitePaths = new LinkedHashSet<>();
        files.forEach(file -> sitePaths.add(file.substring(root.length())));
        return new SiteLayout(root, sitePaths);
    }

    /** The single folder every file is in, with its '/', or "" when there is none to strip. */
    private static String commonFolder(List<String> files) {
        String folder = null;
        for (String file : files) {
            int slash = file.indexOf('/');
            if (slash < 0) {
                return "";
            }
            String first = file.substring(0, slash + 1);
            if (folder == null) {
                folder = first;
            } else if (!folder.equals(first)) {
                return "";
            }
        }
        if (folder == null || SITE_FOLDERS.contains(folder.substring(0, folder.length() - 1))) {
            return "";
        }
        return folder;
    }

    /** The wrapping folder that was stripped, with its '/', or "". */
    public String root() {
        return root;
    }

    public Set<String> sitePaths() {
        return sitePaths;
    }

    public String archivePath(String sitePath) {
        return root + sitePath;
    }

    /** Markdown files anywhere in the site; {@link ContentPaths#classify} says which are posts or pages. */
    public List<String> markdownFiles() {
        return sitePaths.stream().filter(ContentPaths::isMarkdown).toList();
    }

    /**
     * The archive path of the file an image reference in a Markdown file points to.
     *
     * @param markdownSitePath the site path of the Markdown file
     * @param ref              as written: relative to the file's folder, or site-absolute (/images/a.jpg);
     *                         a query or fragment is ignored and %-escapes are decoded
     * @return empty for external URLs, for paths that would leave the site, and for missing files
     */
    public Optional<String> resolveImage(String markdownSitePath, String ref) {
        String path = ref.strip();
        if (path.isEmpty() || ImageReferences.isExternal(path)) {
            return Optional.empty();
        }
        path = percentDecode(stripQueryAndFragment(path));
        if (path.startsWith("/")) {
            for (String siteRoot : SITE_ROOTS) {
                Optional<String> found = existing(normalize(siteRoot + path.substring(1)));
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        return existing(normalize(ContentPaths.folderOf(markdownSitePath) + path));
    }

    private Optional<String> existing(Optional<String> sitePath) {
        return sitePath.filter(sitePaths::contains).map(this::archivePath);
    }

    /** Resolves "." and ".." segments; empty when ".." would climb above the site root. */
    private static Optional<String> normalize(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    return Optional.empty();
                }
                segments.remove(segments.size() - 1);
            } else {
                segments.add(segment);
            }
        }
        return segments.isEmpty() ? Optional.empty() : Optional.of(String.join("/", segments));
    }

    private static String stripQueryAndFragment(String ref) {
        int cut = ref.length();
        for (char c : new char[] {'?', '#'}) {
            int at = ref.indexOf(c);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return ref.substring(0, cut);
    }

    /**
     * %XX escapes as UTF-8. Unlike URLDecoder, '+' stays '+' (it is a space only in query
     * strings), and a malformed escape is kept as written.
     */
    static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '%' && i + 2 < text.length()
                    && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                int codePoint = text.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
