package io.asyncio4j.http.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as the handler of {@code POST path}: aiohttp's {@code @routes.post(path)}
 * of a {@code RouteTableDef}; {@link RouteTableDef#of} collects them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Post {
    /** The path pattern, {@code "/users/{id}"}. */
    String value();

    /** The route's name for {@link Route#urlFor}; empty for none. */
    String name() default "";
}
