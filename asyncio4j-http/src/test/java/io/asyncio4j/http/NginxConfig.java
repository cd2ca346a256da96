package io.asyncio4j.http;

import java.nio.file.Path;

/** What every test's own nginx needs around its {@code http} block. */
public final class NginxConfig {
    private NginxConfig() {}

    /**
     * A whole nginx.conf with {@code http} as the body of its {@code http} block: nginx in the
     * foreground as one process (a test stops it with SIGTERM), writing its pid, error log and
     * temporary files under {@code dir} (no root needed), with no access log.
     */
    public static String inFolder(Path dir, String http) {
        return """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 1024; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                %2$s}
                """.formatted(dir, http.indent(4));
    }
}
