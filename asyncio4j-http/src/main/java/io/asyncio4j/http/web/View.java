package io.asyncio4j.http.web;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A class-based view: aiohttp's {@code web.View}. A subclass overrides the methods of the HTTP
 * methods it answers; a new instance handles each request, which {@link #request()} returns.
 * Register it with {@link Router#addView}; a method it does not override is answered 405 with
 * {@code Allow}, and {@code HEAD} is answered by {@link #get()} unless {@link #head()} is
 * overridden.
 *
 * {@snippet :
 * public static final class UserView extends View {
 *     @Override
 *     public StreamResponse get() {
 *         return Response.json(find(request().matchInfo().get("id")));
 *     }
 *
 *     @Override
 *     public StreamResponse delete() {
 *         remove(request().matchInfo().get("id"));
 *         return new Response(204);
 *     }
 * }
 *
 * app.router().addView("/users/{id}", UserView.class);
 * }
 */
public abstract class View {
    private Request request;

    /** For subclasses; the view needs a no-argument constructor. */
    protected View() {}

    /** The request this instance handles. */
    protected final Request request() {
        return request;
    }

    /** Answers {@code GET} (and {@code HEAD}, unless {@link #head()} is overridden); 405 unless overridden. */
    public StreamResponse get() throws Exception {
        throw notAllowed();
    }

    /** Answers {@code HEAD}: {@link #get()} unless overridden (the body is not sent). */
    public StreamResponse head() throws Exception {
        return get();
    }

    /** Answers {@code POST}; 405 unless overridden. */
    public StreamResponse post() throws Exception {
        throw notAllowed();
    }

    /** Answers {@code PUT}; 405 unless overridden. */
    public StreamResponse put() throws Exception {
        throw notAllowed();
    }

    /** Answers {@code PATCH}; 405 unless overridden. */
    public StreamResponse patch() throws Exception {
        throw notAllowed();
    }

    /** Answers {@code DELETE}; 405 unless overridden. */
    public StreamResponse delete() throws Exception {
        throw notAllowed();
    }

    /** Answers {@code OPTIONS}; 405 unless overridden. */
    public StreamResponse options() throws Exception {
        throw notAllowed();
    }

    private HttpMethodNotAllowed notAllowed() {
        return new HttpMethodNotAllowed(request.method(), allowed(getClass()));
    }

    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /** The HTTP methods {@code view} answers: those whose method it overrides (HEAD with GET). */
    static Set<String> allowed(Class<? extends View> view) {
        Set<String> allowed = new LinkedHashSet<>();
        for (String m : METHODS) {
            String name = m.toLowerCase(java.util.Locale.ROOT);
            try {
                Class<?> declared = view.getMethod(name).getDeclaringClass();
                if (declared != View.class || (m.equals("HEAD") && allowed.contains("GET"))) {
                    allowed.add(m);
                }
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }
        return allowed;
    }

    /** The handler that makes a new {@code view} for each request and calls its method. */
    static Handler handler(Class<? extends View> view) {
        Constructor<? extends View> constructor;
        try {
            constructor = view.getDeclaredConstructor();
            constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(view.getName() + " needs a constructor without arguments to be a view");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "cannot create " + view.getName() + ": make it public, or open its package to io.asyncio4j.http",
                    e);
        }
        Set<String> allowed = allowed(view);
        return request -> {
            View v;
            try {
                v = constructor.newInstance();
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof Exception ex) {
                    throw ex;
                }
                throw (Error) e.getCause();
            }
            v.request = request;
            return switch (request.method()) {
                case "GET" -> v.get();
                case "HEAD" -> v.head();
                case "POST" -> v.post();
                case "PUT" -> v.put();
                case "PATCH" -> v.patch();
                case "DELETE" -> v.delete();
                case "OPTIONS" -> v.options();
                default -> throw new HttpMethodNotAllowed(request.method(), allowed);
            };
        };
    }
}
