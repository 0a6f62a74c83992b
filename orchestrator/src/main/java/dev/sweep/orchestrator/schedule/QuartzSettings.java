package dev.sweep.orchestrator.schedule;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * How Quartz is set up: a JDBC job store ({@code JobStoreTX}, clustered so that several processes may share the
 * database: the {@code sweep schedule} commands write to it while the {@code sweep scheduler} daemon fires from
 * it, and a second daemon by mistake never fires a schedule twice) in the H2 database {@code jdbcUrl}.
 * {@code schedulerName} keys the rows in Quartz's tables, so it must stay the same across restarts; it must also
 * be unique among the schedulers open at once in one JVM. {@code idleWait} bounds how late a schedule added by
 * another process is noticed by a running daemon.
 */
public record QuartzSettings(String jdbcUrl, String schedulerName, int threads, Duration idleWait) {

    public static final String DEFAULT_NAME = "sweep";

    public QuartzSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(schedulerName, "schedulerName");
        if (threads < 1) {
            throw new IllegalArgumentException("threads >= 1 must hold, but got (threads=" + threads + ")");
        }
        if (idleWait.toMillis() < 1000) {
            throw new IllegalArgumentException("idleWait >= 1s must hold, but got (idleWait=" + idleWait + ")");
        }
    }

    /** The defaults: scheduler "sweep", two job threads (two schedules may overlap), 10 s idle wait. */
    public static QuartzSettings forUrl(String jdbcUrl) {
        return new QuartzSettings(jdbcUrl, DEFAULT_NAME, 2, Duration.ofSeconds(10));
    }

    Properties properties() {
        String ds = schedulerName + "DS";
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", schedulerName);
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        p.setProperty("org.quartz.scheduler.idleWaitTime", Long.toString(idleWait.toMillis()));
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.threadPool.threadNamePrefix", schedulerName + "-job");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.useProperties", "true"); // job data as strings, never Java serialization
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        p.setProperty("org.quartz.jobStore.dataSource", ds);
        p.setProperty("org.quartz.dataSource." + ds + ".connectionProvider.class", H2ConnectionProvider.class.getName());
        p.setProperty("org.quartz.dataSource." + ds + ".url", jdbcUrl);
        p.setProperty("org.quartz.dataSource." + ds + ".maxConnections", Integer.toString(threads + 4));
        return p;
    }
}
