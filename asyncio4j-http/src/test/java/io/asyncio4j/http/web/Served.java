package io.asyncio4j.http.web;

import java.net.InetSocketAddress;

/**
 * An application served on a free loopback port for a test: set up on construction, cleaned up
 * (gracefully) on close.
 */
final class Served implements AutoCloseable {
    final AppRunner runner;
    final TcpSite site;

    private Served(AppRunner runner, TcpSite site) {
        this.runner = runner;
        this.site = site;
    }

    static Served start(Application app) throws Exception {
        return start(app, RunnerOptions.defaults().accessLog(false));
    }

    static Served start(Application app, RunnerOptions options) throws Exception {
        AppRunner runner = new AppRunner(app, options);
        runner.setup();
        TcpSite site = new TcpSite(runner, "127.0.0.1", 0);
        try {
            site.start();
        } catch (Exception e) {
            runner.cleanup();
            throw e;
        }
        return new Served(runner, site);
    }

    int port() {
        return ((InetSocketAddress) site.addresses().get(0)).getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    @Override
    public void close() throws Exception {
        runner.cleanup();
    }
}
