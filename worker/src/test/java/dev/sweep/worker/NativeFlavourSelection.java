package dev.sweep.worker;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Makes a test JVM load the ND4J CPU build a worker would load on this machine (registered in META-INF/services). */
public final class NativeFlavourSelection implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        NativeFlavour.select();
    }
}
