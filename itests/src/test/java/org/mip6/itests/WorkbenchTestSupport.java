package org.mip6.itests;

import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.inject.Inject;
import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.After;
import org.mip6.net.Ipv6Address;
import org.mip6.node.AddressStatus;
import org.mip6.node.InterfaceStatus;
import org.mip6.role.RoleNode;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Boots the project's own distribution (karaf-distribution/target/*.zip, copied path in
 * {@code mip6.distribution}) on the framework named by {@code karaf.framework} (felix | equinox).
 */
public abstract class WorkbenchTestSupport {

    static final String MIP6 = "org.mip6.";
    /** Set inside the container: the framework the test run asked for. */
    static final String EXPECTED_FRAMEWORK = "mip6.itest.framework";

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected SessionFactory sessionFactory;

    @Configuration
    public Option[] config() {
        String dist = requiredProperty("mip6.distribution");
        String framework = System.getProperty("karaf.framework", "felix");
        String karafVersion = requiredProperty("karaf.version");
        String localRepo = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        String unpack = System.getProperty("itest.dir", "target/exam");
        return options(
                karafDistributionConfiguration()
                        .frameworkUrl(new File(dist).toURI().toString())
                        .karafVersion(karafVersion)
                        .name("mip6 workbench on " + framework)
                        .unpackDirectory(new File(unpack))
                        // Pax Exam's bundles through deploy/ (fileinstall, after the deployer is up): put
                        // into startup.properties instead, the probe could race the boot features'
                        // deployment and be refused by Karaf's resolver hook ("Resolver hook prevented resolution").
                        .useDeployFolder(true),
                systemTimeout(TimeUnit.MINUTES.toMillis(3)),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevel.WARN),
                // -Ditest.keep=true keeps the container's folder (data/log/karaf.log) for a post-mortem
                org.ops4j.pax.exam.CoreOptions.when(Boolean.getBoolean("itest.keep"))
                        .useOptions(org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder()),
                systemProperty(EXPECTED_FRAMEWORK).value(framework),
                systemProperty("mip6.test-role").value(System.getProperty("mip6.test-role", "")),
                systemProperty("mip6.example.ha-policy").value(System.getProperty("mip6.example.ha-policy", "")),
                systemProperty("mip6.example.ro-policy").value(System.getProperty("mip6.example.ro-policy", "")),
                systemProperty("mip6.example.experimental-mh").value(System.getProperty("mip6.example.experimental-mh", "")),
                editConfigurationFilePut("etc/config.properties", "karaf.framework", framework),
                // the distribution's boot features as one stage of their own: Pax Exam appends its "exam"
                // feature (the remote bundle context), which then deploys only when the workbench's deployment
                // is done; in the same stage the probe could be installed while Karaf's deployer still ran
                // and be refused by its resolver hook ("Resolver hook prevented resolution", PAXEXAM-765)
                editConfigurationFilePut("etc/org.apache.karaf.features.cfg", "featuresBoot", "(" + bootFeatures(dist) + ")"),
                // and fileinstall looks at deploy/ only 5 s after it starts: the boot features (nine mip6
                // bundles and their dependencies) are deployed by then; a probe started while Karaf's
                // deployment runs is refused by its resolver hook (seen once in 16 boots with the roles)
                editConfigurationFilePut("etc/org.apache.felix.fileinstall-deploy.cfg", "felix.fileinstall.noInitialDelay", "false"),
                editConfigurationFilePut("etc/org.apache.felix.fileinstall-deploy.cfg", "felix.fileinstall.poll", "5000"),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg",
                        "org.ops4j.pax.url.mvn.localRepository", localRepo),
                // What bin/karaf passes on JDK 9+ and Pax Exam's Karaf runner leaves out (build notes).
                vmOption("--add-reads=java.xml=java.logging"),
                vmOption("--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED"),
                vmOption("--patch-module"),
                vmOption("java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar"),
                vmOption("--patch-module"),
                vmOption("java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar"),
                vmOption("--add-opens"), vmOption("java.base/java.security=ALL-UNNAMED"),
                vmOption("--add-opens"), vmOption("java.base/java.net=ALL-UNNAMED"),
                vmOption("--add-opens"), vmOption("java.base/java.lang=ALL-UNNAMED"),
                vmOption("--add-opens"), vmOption("java.base/java.util=ALL-UNNAMED"),
                vmOption("--add-opens"), vmOption("java.naming/javax.naming.spi=ALL-UNNAMED"),
                vmOption("--add-opens"), vmOption("java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED"),
                vmOption("--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED"),
                vmOption("--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED"),
                vmOption("--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED"),
                vmOption("--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED"),
                vmOption("-Xmx256m"));
    }

    /** featuresBoot of the distribution archive's etc/org.apache.karaf.features.cfg. */
    private static String bootFeatures(String distribution) {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(distribution)) {
            java.util.zip.ZipEntry e = zip.stream().filter(x -> x.getName().endsWith("etc/org.apache.karaf.features.cfg"))
                    .findFirst().orElseThrow(() -> new IllegalStateException(distribution + " has no etc/org.apache.karaf.features.cfg"));
            java.util.Properties p = new java.util.Properties();
            try (java.io.InputStream in = zip.getInputStream(e)) {
                p.load(in);
            }
            String boot = p.getProperty("featuresBoot", "").strip();
            if (boot.isEmpty() || boot.contains("(")) {
                throw new IllegalStateException("unexpected featuresBoot in " + distribution + ": \"" + boot + "\"");
            }
            return boot;
        } catch (java.io.IOException x) {
            throw new java.io.UncheckedIOException(x);
        }
    }

    private static String requiredProperty(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set; run the itests through Maven (mvn verify)");
        }
        return v;
    }

    /** What a test made in the temporary directory ({@link #temporaryFile}, {@link #temporaryDirectory}). */
    private final List<Path> temporary = new ArrayList<>();

    /** A new file in the temporary directory, removed after the test. */
    protected Path temporaryFile(String prefix, String suffix) throws IOException {
        Path p = Files.createTempFile(prefix, suffix);
        temporary.add(p);
        return p;
    }

    /** A new folder in the temporary directory (captures, say), removed with what is in it after the test. */
    protected Path temporaryDirectory(String prefix) throws IOException {
        Path p = Files.createTempDirectory(prefix);
        temporary.add(p);
        return p;
    }

    /** Removes what the test made there, failed or not (runs used to leave their captures and jars in /tmp). */
    @After
    public void removeTemporaryFiles() throws IOException {
        for (Path p : temporary) {
            if (Files.exists(p)) {
                try (Stream<Path> all = Files.walk(p)) {
                    for (Path q : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                        Files.deleteIfExists(q);
                    }
                }
            }
        }
        temporary.clear();
    }

    /**
     * Runs a shell command as the distribution's admin user would (Karaf's command ACLs check the
     * JAAS subject's roles) and returns what it printed; a failing command throws.
     */
    protected String execute(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal("mip6"));
        subject.getPrincipals().add(new RolePrincipal("admin"));
        subject.getPrincipals().add(new RolePrincipal("manager"));
        subject.getPrincipals().add(new RolePrincipal("viewer"));
        subject.getPrincipals().add(new RolePrincipal("systembundles"));
        try {
            Subject.doAs(subject, (PrivilegedExceptionAction<Object>) () -> {
                try (Session session = sessionFactory.create(System.in, out, out)) {
                    session.execute(command);
                }
                return null;
            });
        } catch (PrivilegedActionException e) {
            throw e.getException();
        }
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    protected List<Bundle> mip6Bundles() {
        return Arrays.stream(bundleContext.getBundles())
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith(MIP6))
                .collect(Collectors.toList());
    }

    protected Bundle bundle(String symbolicName) {
        return installed(symbolicName).orElseThrow(() -> new AssertionError("bundle " + symbolicName + " is not installed"));
    }

    /** The installed mip6 bundle of that name (an example dropped into deploy/ among them), if any. */
    protected java.util.Optional<Bundle> installed(String symbolicName) {
        return mip6Bundles().stream().filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst();
    }

    protected static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after 30 s waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Waits until {@code mip6:node-list} shows {@code text} (an address once DAD and SLAAC are done). */
    protected void awaitNodeList(String what, String text) throws InterruptedException {
        awaitOutput(what, "mip6:node-list --no-format", text);
    }

    /** Waits until {@code command} prints {@code text} (a command that fails meanwhile counts as not yet). */
    protected void awaitOutput(String what, String command, String text) throws InterruptedException {
        await(what, () -> {
            try {
                return execute(command).contains(text);
            } catch (Exception e) {
                return false;
            }
        });
    }

    protected RoleNode node(String name) throws Exception {
        String filter = "(" + RoleNode.NODE + "=" + name + ")";
        await("node " + name + " as a service", () -> {
            try {
                return !bundleContext.getServiceReferences(RoleNode.class, filter).isEmpty();
            } catch (Exception e) {
                return false;
            }
        });
        return bundleContext.getService(bundleContext.getServiceReferences(RoleNode.class, filter).iterator().next());
    }

    protected static <T> T onNode(RoleNode n, java.util.function.Supplier<T> s) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        n.execute(() -> f.complete(s.get()));
        return f.get(10, TimeUnit.SECONDS);
    }

    protected static Map<String, Long> counters(RoleNode n) throws Exception {
        return onNode(n, n::counters);
    }

    protected static Ipv6Address globalAddress(RoleNode n) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            for (InterfaceStatus i : onNode(n, n::interfaces)) {
                for (AddressStatus a : i.addresses()) {
                    if (a.state().equals("PREFERRED") && !a.address().isLinkLocal()) {
                        return a.address();
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(n.name() + " has no preferred global address after 30 s");
    }
}
