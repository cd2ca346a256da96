package io.asyncio4j.http.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as the handler of {@code PATCH path}: aiohttp's {@code @routes.patch(path)}
 * of a {@code RouteTableDef}; {@link RouteTableDef#of} collects them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Patch {
    /** The path pattern, {@code "/users/{id}"}. */
    String value();

    /** The route's name for {@link Route#urlFor}; empty for none. */
    String name() default "";
}
