package io.asyncio4j.testing;

import io.asyncio4j.Loop;
import io.asyncio4j.lowlevel.Clock;
import io.asyncio4j.lowlevel.VirtualClock;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit Jupiter extension behind {@link AsyncioTest @AsyncioTest}: it opens the test's loop
 * (when the first injected parameter or the test itself needs it), runs the test method as the
 * loop's main task, closes the loop and checks what the test left behind. Write {@code @AsyncioTest}
 * rather than naming this class; a test method registered with {@code
 * @ExtendWith(AsyncioExtension.class)} and no {@code @AsyncioTest} gets {@code @AsyncioTest}'s
 * defaults; so does each invocation of a {@code @ParameterizedTest} or {@code @RepeatedTest} method
 * registered that way.
 */
public final class AsyncioExtension implements InvocationInterceptor, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(AsyncioExtension.class);

    /** Created by JUnit. */
    public AsyncioExtension() {}

    @Override
    public void interceptTestMethod(
            Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext)
            throws Throwable {
        runOnLoop(invocation, extensionContext);
    }

    /** Runs each invocation of a test template ({@code @ParameterizedTest}, {@code @RepeatedTest}). */
    @Override
    public void interceptTestTemplateMethod(
            Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext)
            throws Throwable {
        runOnLoop(invocation, extensionContext);
    }

    private static void runOnLoop(Invocation<Void> invocation, ExtensionContext extensionContext) throws Exception {
        testRun(extensionContext).run(() -> {
            try {
                invocation.proceed();
            } catch (Throwable t) {
                throw TestRun.<Exception>sneaky(t);
            }
            return null;
        });
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return parameterContext.getDeclaringExecutable() instanceof Method
                && (type == Loop.class || type == VirtualClock.class || type == Clock.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        if (extensionContext.getTestMethod().isEmpty()
                || !extensionContext.getTestMethod().get().equals(parameterContext.getDeclaringExecutable())) {
            throw new ParameterResolutionException("@AsyncioTest injects " + type.getSimpleName()
                    + " into the test method only, not into " + parameterContext.getDeclaringExecutable());
        }
        TestRun run = testRun(extensionContext);
        if (type == Loop.class) {
            return run.loop();
        }
        if (run.clock() != null) {
            return run.clock();
        }
        if (type == Clock.class) {
            return Clock.system();
        }
        throw new ParameterResolutionException("the test runs on the real clock (@AsyncioTest(realClock = true)),"
                + " so there is no VirtualClock to inject; take a Loop and use loop.time(), or drop realClock");
    }

    /** The test's run, created at the first request and closed by JUnit with the test's context. */
    private static TestRun testRun(ExtensionContext context) {
        return context.getStore(NAMESPACE)
                .computeIfAbsent(TestRun.class, k -> new TestRun(settings(context)), TestRun.class);
    }

    private static TestRun.Settings settings(ExtensionContext context) {
        TestRun.Settings defaults = TestRun.Settings.defaults("@AsyncioTest");
        Optional<AsyncioTest> found =
                context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, AsyncioTest.class));
        String method = context.getTestMethod().map(Method::getName).orElse("test");
        String name = "aio-test-" + method;
        if (found.isEmpty()) {
            return new TestRun.Settings(
                    defaults.base(),
                    defaults.realClock(),
                    defaults.autojumpThreshold(),
                    defaults.timeout(),
                    defaults.wallTimeout(),
                    defaults.debug(),
                    name,
                    method,
                    defaults.origin());
        }
        AsyncioTest a = found.get();
        if (a.autojumpThresholdMillis() < 0 || a.timeout() < 0 || a.wallTimeoutSeconds() < 0) {
            throw new IllegalArgumentException("@AsyncioTest times must not be negative: " + a);
        }
        if (a.realClock() && a.autojumpThresholdMillis() > 0) {
            throw new IllegalArgumentException(
                    "@AsyncioTest(realClock = true) has no virtual clock to set autojumpThresholdMillis on");
        }
        return new TestRun.Settings(
                defaults.base(),
                a.realClock(),
                Duration.ofMillis(a.autojumpThresholdMillis()),
                a.timeout() == 0
                        ? null
                        : Duration.of(a.timeout(), a.timeoutUnit().toChronoUnit()),
                a.wallTimeoutSeconds() == 0 ? null : Duration.ofSeconds(a.wallTimeoutSeconds()),
                a.debug(),
                name,
                method,
                "@AsyncioTest");
    }
}
