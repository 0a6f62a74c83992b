package dev.sweep.results.h2;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A second JVM on this test's class path, for tests that kill or share a store with another process. */
final class ChildJvm {

    private ChildJvm() {
    }

    /** {@code java <jvmArgs> -cp <test class path> <main> <args>}, stderr discarded, run in the temp folder. */
    static ProcessBuilder of(List<String> jvmArgs, Class<?> main, String... args) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", classpath, main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .directory(new File(System.getProperty("java.io.tmpdir")));
    }
}
