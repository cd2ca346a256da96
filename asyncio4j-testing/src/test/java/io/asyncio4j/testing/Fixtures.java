package io.asyncio4j.testing;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs fixtures: test classes whose tests are meant to fail, run through JUnit's EngineTestKit by
 * the tests that check how they fail. A fixture class carries {@code @ExtendWith(Fixtures.class)},
 * which skips it when an IDE or the build runs it directly.
 */
final class Fixtures implements ExecutionCondition {
    private static final String PARAMETER = "asyncio4j.testing.fixtures";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getConfigurationParameter(PARAMETER).isPresent()
                ? ConditionEvaluationResult.enabled("run by EngineTestKit")
                : ConditionEvaluationResult.disabled("a fixture: run by the test that checks it");
    }

    /** Runs one fixture method by name and returns the events of its tests. */
    static Events run(Class<?> fixtures, String methodName) {
        List<Method> methods = Arrays.stream(fixtures.getDeclaredMethods())
                .filter(m -> m.getName().equals(methodName))
                .toList();
        if (methods.size() != 1) {
            throw new IllegalArgumentException("no single method " + methodName + " in " + fixtures);
        }
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PARAMETER, "true")
                .selectors(DiscoverySelectors.selectMethod(fixtures, methods.get(0)))
                .execute()
                .testEvents();
    }

    /** Runs one fixture method, checks that its one test failed, and returns why. */
    static Throwable failure(Class<?> fixtures, String methodName) {
        Events events = run(fixtures, methodName);
        events.assertStatistics(stats -> stats.started(1).failed(1));
        Event failed = events.failed().stream().findFirst().orElseThrow();
        return failed.getRequiredPayload(TestExecutionResult.class)
                .getThrowable()
                .orElseThrow();
    }

    /** Runs one fixture method and checks that each of its tests passed. */
    static void passes(Class<?> fixtures, String methodName) {
        Events events = run(fixtures, methodName);
        events.failed().stream().findFirst().ifPresent(e -> {
            throw new AssertionError(
                    methodName + " failed",
                    e.getRequiredPayload(TestExecutionResult.class)
                            .getThrowable()
                            .orElse(null));
        });
        events.assertStatistics(stats -> stats.failed(0).aborted(0).skipped(0));
        if (events.started().count() == 0) {
            throw new AssertionError(methodName + " did not run");
        }
    }
}
