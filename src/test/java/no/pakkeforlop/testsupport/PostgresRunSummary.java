package no.pakkeforlop.testsupport;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * One line at the end of the PostgreSQL run ({@code -Dtest.database=postgres}, the
 * surefire execution {@code postgres}), so the build log says plainly that the tests ran
 * on PostgreSQL and how many passed. Registered in
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}; silent in
 * every other run.
 */
public class PostgresRunSummary implements TestExecutionListener {

    private final AtomicInteger passed = new AtomicInteger();

    private final AtomicInteger failed = new AtomicInteger();

    private final AtomicInteger aborted = new AtomicInteger();

    private final AtomicInteger skipped = new AtomicInteger();

    private long started;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        started = System.nanoTime();
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest()) {
            skipped.incrementAndGet();
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!test.isTest()) {
            return;
        }
        switch (result.getStatus()) {
            case SUCCESSFUL -> passed.incrementAndGet();
            case ABORTED -> aborted.incrementAndGet();
            case FAILED -> failed.incrementAndGet();
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (!TestDatabase.postgres()) {
            return;
        }
        int total = passed.get() + failed.get() + aborted.get() + skipped.get();
        String verdict = failed.get() == 0 && total > 0 ? "PASSED" : "FAILED";
        System.out.printf(
                "%n=== PostgreSQL run %s: %d tests on PostgreSQL, %d passed, %d failed, %d aborted, %d skipped "
                        + "(%.0f s) ===%n%n",
                verdict, total, passed.get(), failed.get(), aborted.get(), skipped.get(),
                (System.nanoTime() - started) / 1e9);
    }

}
