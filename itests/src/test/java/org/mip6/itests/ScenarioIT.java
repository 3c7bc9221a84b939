package org.mip6.itests;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * {@code mip6:scenario} on the distribution: the shipped demo (moves, route optimization, two swaps of
 * {@code ha} under traffic, return home) holds all its expectations on virtual time; a scenario whose
 * expectation does not hold fails the command after its summary.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ScenarioIT extends WorkbenchTestSupport {

    @Test
    public void theDemoScenarioHoldsItsExpectations() throws Exception {
        String out = execute("mip6:scenario --virtual --seed 6275 demo");
        assertTrue(out, out.contains("expectations: 7, failed: 0"));
        assertTrue(out, out.contains("MH Binding Update 6") && out.contains("MH Binding Acknowledgement 6"));
        assertTrue(out, out.contains("registrations after a move: mn -> foreign1 with 2001:db8:1::2 "));
        assertTrue(out, out.contains("swap pauses: org.mip6.ha "));
    }

    @Test
    public void theLossyScenarioMendsItsLinkInPlace() throws Exception {
        String out = execute("mip6:scenario --virtual --seed 6275 lossy");
        assertTrue(out, out.contains("expectations: 5, failed: 0"));
        assertTrue(out, out.contains("foreign1: delay 40 ms, jitter 0 ms, loss 33.00 %"));
        assertTrue(out, out.contains("foreign1: delay 2 ms, jitter 0 ms, loss 0.00 %"));
    }

    @Test
    public void aFailedExpectationFailsTheCommand() throws Exception {
        Path f = temporaryFile("failing-", ".scenario");
        Files.write(f, List.of("@6s mip6:move mn foreign1", "expect no-binding ha 2001:db8:1::ff:fe00:b", "expect loss = 0"));
        try {
            String out = execute("mip6:scenario --virtual " + f);
            fail("a failed expectation must fail the command:\n" + out);
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().endsWith(": 1 of 2 expectations failed"));
        }
    }
}
