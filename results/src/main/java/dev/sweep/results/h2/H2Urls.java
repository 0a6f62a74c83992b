package dev.sweep.results.h2;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The JDBC URLs of the store (see {@link H2ResultsStore} and results/SCHEMA.md for why each setting). */
final class H2Urls {

    static final String FILE_SETTINGS = ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;QUERY_CACHE_SIZE=64";
    static final String NON_KEYWORDS = ";NON_KEYWORDS=VALUE,KEY";

    private H2Urls() {
    }

    /** The URL of a database file, {@code .mv.db} given or left off; its folder is created. */
    static String fileUrl(Path databaseFile) {
        Path absolute = databaseFile.toAbsolutePath().normalize();
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the results database's folder must be creatable, but "
                    + absolute.getParent() + " is not: " + e.getMessage(), e);
        }
        String path = absolute.toString();
        if (path.endsWith(".mv.db")) {
            path = path.substring(0, path.length() - ".mv.db".length());
        }
        return "jdbc:h2:file:" + path + FILE_SETTINGS + NON_KEYWORDS;
    }

    /** An H2 URL with {@code NON_KEYWORDS=VALUE,KEY} (the store's SQL needs it). */
    static String withNonKeywords(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("the results store needs an H2 URL (jdbc:h2:…), but got " + jdbcUrl);
        }
        return jdbcUrl.toUpperCase(Locale.ROOT).contains(";NON_KEYWORDS=") ? jdbcUrl : jdbcUrl + NON_KEYWORDS;
    }
}
