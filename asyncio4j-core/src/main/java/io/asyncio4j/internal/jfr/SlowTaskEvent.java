package io.asyncio4j.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** A task or callback held its loop's thread longer than the slow-callback threshold. */
@Name("io.asyncio4j.SlowTask")
@Label("Slow Task")
@Category("asyncio4j")
@Description("A task or callback held its loop's thread longer than the slow-callback threshold")
@StackTrace(false)
public final class SlowTaskEvent extends Event {
    @Label("Loop")
    public String loop;

    @Label("Task")
    public String task;

    @Label("Held")
    @Timespan(Timespan.NANOSECONDS)
    public long held;

    @Label("Stack")
    @Description("Where the task was running when it was sampled")
    public String stack;
}
