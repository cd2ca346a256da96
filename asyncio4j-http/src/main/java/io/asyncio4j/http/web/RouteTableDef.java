package io.asyncio4j.http.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Routes declared by annotating methods: aiohttp's {@code RouteTableDef} with its {@code
 * @routes.get(path)} decorators. Each method annotated {@link Get}, {@link Post}, {@link Put},
 * {@link Patch} or {@link Delete} takes a {@link Request} and returns a {@link StreamResponse} (or
 * a subclass); it may throw.
 *
 * {@snippet :
 * class Users {
 *     @Get(value = "/users/{id}", name = "user")
 *     public Response show(Request request) {
 *         return Response.json(find(request.matchInfo().get("id")));
 *     }
 *
 *     @Post("/users")
 *     public Response create(Request request) {
 *         return Response.json(201, save(request.json(User.class)));
 *     }
 * }
 *
 * app.addRoutes(RouteTableDef.of(new Users()));
 * }
 *
 * <p>The methods are called by reflection: public methods of a public class always can be; other
 * ones need the class's package open to this module (on the class path, everything is).
 */
public final class RouteTableDef {
    private RouteTableDef() {}

    /**
     * The routes of the annotated methods of {@code handlers} (instance methods are called on it,
     * static ones too), in the order of their paths and methods.
     *
     * @throws IllegalArgumentException if an annotated method has the wrong parameters or return
     *     type, or cannot be made accessible; the message names it and the fix
     */
    public static List<RouteDef> of(Object handlers) {
        Objects.requireNonNull(handlers, "handlers");
        List<RouteDef> routes = new ArrayList<>();
        List<Method> methods = new ArrayList<>();
        for (Class<?> c = handlers.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            methods.addAll(List.of(c.getDeclaredMethods()));
        }
        methods.sort(Comparator.comparing(Method::getName));
        for (Method m : methods) {
            for (Annotation a : m.getAnnotations()) {
                String method;
                String path;
                String name;
                switch (a) {
                    case Get g -> {
                        method = "GET";
                        path = g.value();
                        name = g.name();
                    }
                    case Post p -> {
                        method = "POST";
                        path = p.value();
                        name = p.name();
                    }
                    case Put p -> {
                        method = "PUT";
                        path = p.value();
                        name = p.name();
                    }
                    case Patch p -> {
                        method = "PATCH";
                        path = p.value();
                        name = p.name();
                    }
                    case Delete d -> {
                        method = "DELETE";
                        path = d.value();
                        name = d.name();
                    }
                    default -> {
                        continue;
                    }
                }
                RouteDef r = new RouteDef(method, path, handler(handlers, m), null);
                routes.add(name.isEmpty() ? r : r.name(name));
            }
        }
        return List.copyOf(routes);
    }

    private static Handler handler(Object target, Method m) {
        String where = m.getDeclaringClass().getName() + "." + m.getName();
        if (m.getParameterCount() != 1
                || m.getParameterTypes()[0] != Request.class
                || !StreamResponse.class.isAssignableFrom(m.getReturnType())) {
            throw new IllegalArgumentException(where + " is annotated as a route but is not a handler: it must take"
                    + " a Request and return a StreamResponse (or a Response)");
        }
        try {
            m.setAccessible(true);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "cannot call " + where + ": make it public in a public class, or open its package to"
                            + " io.asyncio4j.http",
                    e);
        }
        Object receiver = Modifier.isStatic(m.getModifiers()) ? null : target;
        return request -> {
            try {
                return (StreamResponse) m.invoke(receiver, request);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception ex) {
                    throw ex;
                }
                throw (Error) cause;
            }
        };
    }
}
