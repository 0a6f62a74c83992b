package dev.sweep.orchestrator.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the results database is: {@code --db}, else {@code $SWEEP_DB}, else {@code runs/sweep} under the working
 * directory. A path names an H2 file database ({@code runs/sweep} is stored as {@code runs/sweep.mv.db}; the store
 * opens it so that {@code sweep status} in a second terminal can read while {@code sweep run} writes); a value
 * starting with {@code jdbc:} is used as it is. The Quartz schedules live beside it
 * ({@code runs/sweep-schedules.mv.db}).
 *
 * @param file    the database's base path (without {@code .mv.db}), or null when given as a JDBC URL
 * @param jdbcUrl the JDBC URL when given as one, else null
 */
public record StoreLocation(Path file, String jdbcUrl) {

    public static final String ENV = "SWEEP_DB";
    public static final String DEFAULT = "runs/sweep";
    private static final String H2_SUFFIX = ".mv.db";
    private static final String SCHEDULES_SETTINGS = ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE";

    public StoreLocation {
        if ((file == null) == (jdbcUrl == null)) {
            throw new IllegalArgumentException("a store location is a file or a JDBC URL, but got (file=" + file
                    + ", jdbcUrl=" + jdbcUrl + ")");
        }
    }

    public static StoreLocation resolve(String option, Map<String, String> env, Path workingDir) {
        String value = option != null ? option : env.getOrDefault(ENV, DEFAULT);
        if (value.isBlank()) {
            throw new UserInputException("--db (or $" + ENV + ") must name a path or a jdbc: URL, but got '"
                    + value + "'");
        }
        if (value.startsWith("jdbc:")) {
            return new StoreLocation(null, value);
        }
        String path = value.endsWith(H2_SUFFIX) ? value.substring(0, value.length() - H2_SUFFIX.length()) : value;
        return new StoreLocation(workingDir.resolve(path).toAbsolutePath().normalize(), null);
    }

    /** True unless it is a file database that was never created. */
    public boolean exists() {
        return file == null || Files.exists(Path.of(file + H2_SUFFIX));
    }

    /** The folder for per-sweep files (worker logs, trial work dirs): beside a file database, else ./runs. */
    public Path runsDir(Path workingDir) {
        return file != null ? file.getParent() : workingDir.resolve("runs");
    }

    /** The Quartz job store's URL: the same database name with "-schedules" appended. */
    public String schedulesUrl() {
        if (file != null) {
            return "jdbc:h2:file:" + file + "-schedules" + SCHEDULES_SETTINGS;
        }
        if (!jdbcUrl.startsWith("jdbc:h2:")) {
            throw new UserInputException("schedules need an H2 results database, but --db is " + jdbcUrl);
        }
        int options = jdbcUrl.indexOf(';');
        return options < 0 ? jdbcUrl + "-schedules"
                : jdbcUrl.substring(0, options) + "-schedules" + jdbcUrl.substring(options);
    }

    /** For messages: the file path, or the URL. */
    public String describe() {
        return file != null ? file + H2_SUFFIX : jdbcUrl;
    }
}
