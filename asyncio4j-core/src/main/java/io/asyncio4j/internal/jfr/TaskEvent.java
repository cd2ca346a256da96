package io.asyncio4j.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A task's life, from creation to its end (disabled by default: enable {@code
 * io.asyncio4j.Task} in a JFR settings file or with {@code jfr configure}).
 */
@Name("io.asyncio4j.Task")
@Label("Task")
@Category("asyncio4j")
@Description("A task's life from creation to end")
@Enabled(false)
@StackTrace(false)
public final class TaskEvent extends Event {
    @Label("Loop")
    public String loop;

    @Label("Task")
    public String task;

    @Label("Outcome")
    public String outcome;
}
