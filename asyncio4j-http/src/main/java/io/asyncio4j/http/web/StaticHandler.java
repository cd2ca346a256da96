package io.asyncio4j.http.web;

import io.asyncio4j.Asyncio;

/**
 * The handler of a static route ({@link Router#addStatic}): resolves the rest of the path under
 * the directory off the loop ({@link StaticFiles}, which refuses every way out of it) and answers
 * with a {@link FileResponse}, a listing, 403 or 404. The reason for a refusal goes to the debug
 * log, not to the client.
 */
final class StaticHandler implements Handler {
    private static final System.Logger LOG = System.getLogger("io.asyncio4j.http.web.static");

    /** The name of the route's tail variable. */
    static final String TAIL = "filename";

    private final StaticFiles files;

    StaticHandler(StaticFiles files) {
        this.files = files;
    }

    StaticFiles files() {
        return files;
    }

    @Override
    public StreamResponse handle(Request request) throws Exception {
        String tail = request.matchInfo().get(TAIL);
        StaticFiles.Resolution r = Asyncio.toThread(() -> files.resolveDecoded(tail));
        return switch (r) {
            case StaticFiles.Found f -> new FileResponse(f.path(), files);
            case StaticFiles.Listing l ->
                Response.html(Asyncio.toThread(() -> files.listing(l.path(), request.path())));
            case StaticFiles.NotFound n -> {
                LOG.log(System.Logger.Level.DEBUG, () -> request + ": 404, " + n.reason());
                throw new HttpNotFound();
            }
            case StaticFiles.Forbidden f -> {
                LOG.log(System.Logger.Level.DEBUG, () -> request + ": 403, " + f.reason());
                throw new HttpForbidden();
            }
        };
    }
}
