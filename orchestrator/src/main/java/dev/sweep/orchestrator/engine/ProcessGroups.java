package dev.sweep.orchestrator.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starting workers in their own process group (with {@code setsid}, where it exists) and killing that whole
 * group, so a worker's children (a command task's program, its data loaders) die with it and free the GPU.
 */
final class ProcessGroups {
    private static final Logger log = LoggerFactory.getLogger(ProcessGroups.class);

    private final Optional<String> setsid;
    private final Optional<Long> ownGroup;

    ProcessGroups() {
        this.setsid = find("setsid");
        this.ownGroup = groupOf(ProcessHandle.current().pid());
    }

    /** The prefix that starts a command in a new session and process group, if the system has one. */
    Optional<String> setsid() {
        return setsid;
    }

    /**
     * Kills {@code process}, its descendants and, when it was started with setsid (so its pid is its process
     * group's id, and never ours), its whole process group with SIGKILL: also members already re-parented, and
     * even after the leader itself has exited (a group id is not reused while the group has members).
     */
    void killTree(ProcessHandle process) {
        long pid = process.pid();
        Optional<Long> group = groupOf(pid);
        boolean ownsGroup = setsid.isPresent() ? !ownGroup.equals(Optional.of(pid))
                : group.isPresent() && group.get() == pid && !group.equals(ownGroup);
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        if (ownsGroup) {
            try {
                Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + pid)
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                kill.waitFor(5, TimeUnit.SECONDS);
            } catch (IOException e) {
                log.debug("kill -KILL -{} failed: {}", pid, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        process.destroyForcibly();
    }

    /** The process group of {@code pid} from /proc (Linux); empty elsewhere or when it is gone. */
    static Optional<Long> groupOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(fields[2]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> find(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return Optional.of(p.toString());
            }
        }
        return Optional.empty();
    }
}
