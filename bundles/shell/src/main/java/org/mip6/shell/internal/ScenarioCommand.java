package org.mip6.shell.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.mip6.time.TimeMode;
import org.mip6.world.TrafficStats;
import org.mip6.world.World;

/**
 * {@code mip6:scenario FILE}: runs a file of timed steps (docs/commands.md) on a fresh world, either
 * time mode: shell commands at given times and expectations about bindings, loss and counters; prints
 * each step as it runs and a summary (messages by type, registration times after moves, traffic loss,
 * swap pauses). Fails (non-zero in {@code --batch}) when an expectation does not hold.
 */
@Service
@Command(scope = "mip6", name = "scenario", description = "Runs a scenario file of timed steps and expectations on a "
        + "fresh world and prints a summary; fails when an expectation does not hold")
public class ScenarioCommand implements Action {

    @Reference(optional = true)
    World world;

    @Reference
    Session session;

    @Reference
    SessionFactory sessionFactory;

    @Argument(index = 0, name = "file", required = true,
            description = "Scenario file, or the name of one shipped in the distribution's scenarios/ (e.g. demo)")
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--virtual", description = "Run on virtual time (default: the running world's mode)")
    boolean virtual;

    @Option(name = "--realtime", description = "Run on real time")
    boolean realtime;

    @Option(name = "--seed", description = "The world's seed (default: the running world's)")
    Long seed;

    @Override
    public Object execute() throws Exception {
        World w = Worlds.require(world);
        TimeMode mode = Worlds.mode(w, virtual, realtime);
        Path path = resolve(file);
        Scenario scenario = Scenario.parse(path.getFileName().toString(), Files.readAllLines(path, StandardCharsets.UTF_8));
        long worldSeed = seed != null ? seed : w.seed();
        PrintStream out = System.out;
        out.printf("scenario %s: %d steps, %d expectations, %s time, seed %d%n", scenario.name(), scenario.steps().size(),
                scenario.expectations(), mode == TimeMode.VIRTUAL ? "virtual" : "real", worldSeed);
        w.reset(mode, worldSeed);
        ScenarioSummary summary = new ScenarioSummary();
        long wallStart = System.nanoTime();
        long worldStart = w.nowNanos();
        int failed = 0;
        try (AutoCloseable tap = w.tap(summary::frame)) {
            for (Scenario.Step step : scenario.steps()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                if (step.at() >= 0) {
                    waitUntil(w, mode, worldStart + step.at(), wallStart + step.at());
                }
                out.printf("[%9.3f s] %s%n", (w.nowNanos() - worldStart) / 1e9, step.text());
                if (step.expectation() != null) {
                    String problem = step.expectation().check(w, summary);
                    out.println(problem == null ? "    ok" : "    FAILED: " + problem);
                    if (problem != null) {
                        failed++;
                    }
                    continue;
                }
                String output = run(step.text(), step.line());
                output.lines().forEach(l -> out.println("    " + l));
                summary.output(step.text(), output);
            }
        }
        List<TrafficStats> flows = w.traffic();
        out.printf("summary: %d steps in %.3f s (world clock %.3f s); expectations: %d, failed: %d%n", scenario.steps().size(),
                (System.nanoTime() - wallStart) / 1e9, (w.nowNanos() - worldStart) / 1e9, scenario.expectations(), failed);
        summary.print(out, flows, worldStart);
        if (failed > 0) {
            throw new IllegalStateException("scenario " + scenario.name() + ": " + failed + " of " + scenario.expectations()
                    + " expectations failed");
        }
        return null;
    }

    /** A file, or a scenario shipped in the distribution ({@code ${karaf.home}/scenarios/NAME.scenario}). */
    static Path resolve(String name) throws NoSuchFileException {
        Path p = Path.of(name);
        if (Files.isReadable(p)) {
            return p;
        }
        String home = System.getProperty("karaf.home");
        if (p.isAbsolute()) {
            throw new NoSuchFileException(name, null, "no such scenario file, or not readable");
        }
        if (home != null) {
            for (Path q : List.of(Path.of(home, name), Path.of(home, "scenarios", name), Path.of(home, "scenarios", name + ".scenario"))) {
                if (Files.isReadable(q)) {
                    return q;
                }
            }
        }
        throw new NoSuchFileException(name, null, "no such scenario file (nor " + (home == null ? "scenarios/" : home + "/scenarios/")
                + name + ".scenario)");
    }

    private static void waitUntil(World w, TimeMode mode, long worldDeadline, long wallDeadline) throws InterruptedException {
        if (mode == TimeMode.VIRTUAL) {
            long ahead = worldDeadline - w.nowNanos();
            if (ahead > 0) {
                w.run(Duration.ofNanos(ahead));
            }
            return;
        }
        long left = wallDeadline - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /**
     * Runs one shell command in a session of its own, as the user would type it, on a thread of its own
     * (Karaf binds a command's System.out to the session of the thread that runs it) under the caller's
     * JAAS subject (the command ACLs); its output, or the failure.
     */
    private String run(String command, int line) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        @SuppressWarnings("removal")
        javax.security.auth.Subject subject = javax.security.auth.Subject.getSubject(java.security.AccessController.getContext());
        java.util.concurrent.Callable<Object> call = () -> {
            try (Session s = sessionFactory.create(new ByteArrayInputStream(new byte[0]), capture, capture, session)) {
                return s.execute(command);
            }
        };
        java.util.concurrent.FutureTask<Object> task = new java.util.concurrent.FutureTask<>(() -> subject == null ? call.call()
                : javax.security.auth.Subject.doAs(subject, (java.security.PrivilegedExceptionAction<Object>) call::call));
        Thread t = new Thread(task, "mip6-scenario-step");
        t.start();
        try {
            task.get();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.security.PrivilegedActionException p ? p.getException() : e.getCause();
            System.out.print(bytes.toString(StandardCharsets.UTF_8).indent(4));
            throw new IllegalStateException("scenario line " + line + " (" + command + ") failed: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            t.interrupt(); // Ctrl-C: the step is interrupted too
            throw e;
        }
        capture.flush();
        return bytes.toString(StandardCharsets.UTF_8).stripTrailing();
    }
}
