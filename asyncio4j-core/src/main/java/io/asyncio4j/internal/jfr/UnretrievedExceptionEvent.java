package io.asyncio4j.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A task or future failed and nobody retrieved its exception. */
@Name("io.asyncio4j.UnretrievedException")
@Label("Unretrieved Exception")
@Category("asyncio4j")
@Description("A task or future failed and nobody retrieved its exception")
@StackTrace(false)
public final class UnretrievedExceptionEvent extends Event {
    @Label("Loop")
    public String loop;

    @Label("Source")
    public String source;

    @Label("Exception")
    public String exception;
}
