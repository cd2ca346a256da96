package io.asyncio4j.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A loop stopped cycling: its thread stayed inside one ready entry, typically a task pinned in
 * native code or a class initializer, or a long CPU-bound stretch.
 */
@Name("io.asyncio4j.LoopStall")
@Label("Loop Stall")
@Category("asyncio4j")
@Description("A loop's thread stayed inside one ready entry past the stall threshold")
@StackTrace(false)
public final class LoopStallEvent extends Event {
    @Label("Loop")
    public String loop;

    @Label("Stalled For")
    @Timespan(Timespan.NANOSECONDS)
    public long stalledFor;

    @Label("Stack")
    public String stack;
}
