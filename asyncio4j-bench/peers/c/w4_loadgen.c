/*
 * W4 tcp-echo and W7 ws-echo load generator (BENCH.md): one thread, epoll, C, so that it is never
 * the bottleneck. Keeps CONNS connections to HOST:PORT; on each, sends a MSG-byte message, waits for
 * the whole echo, records the round trip, and sends the next one at once.
 *
 *   w4_loadgen HOST PORT [CONNS=100] [SECONDS=10] [MSG=100] [WARMUP=2] [MODE=tcp]
 *
 * MODE ws (W7): each connection first does a WebSocket opening handshake (GET /, RFC 6455 4.1),
 * then a message is a masked text frame of MSG bytes of 'x' and its echo an unmasked text frame
 * of the same payload (RFC 6455 5.2). The mask key is fixed: the server unmasks whatever it is.
 *
 * Prints "MEASURE" when the warm-up ends and the measured window starts, then at the end:
 *   RESULT W4 msgs_per_s=<n> p50_us=<n> p99_us=<n> msgs=<n> seconds=<s> connections=<n> msg_bytes=<n>
 * (RESULT W7 in ws mode). Every loop is bounded in time; exit status 1 on any error (a connection
 * closed, a short echo, a refused handshake).
 *
 * Build: gcc -O2 -o w4_loadgen w4_loadgen.c
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONNS 10000
#define BUCKETS 1000000 /* 1 us buckets up to 1 s */

struct conn {
    int fd;
    size_t sent;     /* bytes of the current message written */
    size_t received; /* bytes of its echo read */
    uint64_t start_ns;
};

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void die(const char *what) {
    fprintf(stderr, "w4_loadgen: %s: %s\n", what, strerror(errno));
    exit(1);
}

static uint32_t *histogram;
static uint64_t overflow;

static double percentile(uint64_t total, double p) {
    uint64_t rank = (uint64_t)(p * (double)total);
    uint64_t seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
        seen += histogram[i];
        if (seen > rank) {
            return (double)i;
        }
    }
    return (double)BUCKETS;
}

/* The WebSocket opening handshake on a blocking socket: a GET with a fixed key, then the
 * response head up to its blank line, which must say 101. */
static void handshake(int fd, const char *host, int port) {
    char req[512];
    int n = snprintf(req, sizeof req,
                     "GET / HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
                     host, port);
    if (write(fd, req, n) != n) die("handshake write");
    char head[4096];
    size_t got = 0;
    while (got < 4 || memcmp(head + got - 4, "\r\n\r\n", 4) != 0) {
        if (got == sizeof head) {
            fprintf(stderr, "w4_loadgen: the handshake response head is too long\n");
            exit(1);
        }
        ssize_t r = read(fd, head + got, 1); /* byte by byte: nothing after the head is consumed */
        if (r <= 0) die("handshake read");
        got += (size_t)r;
    }
    if (got < 12 || memcmp(head + 9, "101", 3) != 0) {
        fprintf(stderr, "w4_loadgen: the server refused the WebSocket handshake: %.*s\n", (int)got, head);
        exit(1);
    }
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: w4_loadgen HOST PORT [CONNS] [SECONDS] [MSG] [WARMUP] [tcp|ws]\n");
        return 2;
    }
    const char *host = argv[1];
    int port = atoi(argv[2]);
    int nconns = argc > 3 ? atoi(argv[3]) : 100;
    double seconds = argc > 4 ? atof(argv[4]) : 10;
    int msg = argc > 5 ? atoi(argv[5]) : 100;
    double warmup = argc > 6 ? atof(argv[6]) : 2;
    int ws = argc > 7 && strcmp(argv[7], "ws") == 0;
    if (nconns < 1 || nconns > MAX_CONNS || msg < 1 || msg > 65535 || seconds <= 0
        || (argc > 7 && !ws && strcmp(argv[7], "tcp") != 0)) {
        fprintf(stderr, "w4_loadgen: bad arguments\n");
        return 2;
    }
    /* The server needs as many descriptors as this process, and usually runs under the same limit:
     * a limit too low would show as a server that stops accepting, so say it here instead. */
    struct rlimit files;
    if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < (rlim_t)nconns + 64) {
        fprintf(stderr,
                "w4_loadgen: %d connections need about %d file descriptors in this process and in the"
                " server, but ulimit -n is %llu: raise it (ulimit -n %d) and run again\n",
                nconns, nconns + 64, (unsigned long long)files.rlim_cur, nconns + 1024);
        return 2;
    }
    histogram = calloc(BUCKETS, sizeof(uint32_t));
    /* What goes out per message, and how many bytes its echo is. */
    size_t out_len = msg, echo_len = msg;
    char *out;
    if (ws) {
        size_t header = msg < 126 ? 2 : 4;
        out_len = header + 4 + msg;
        echo_len = header + msg;
        out = malloc(out_len);
        out[0] = (char)0x81; /* FIN, text */
        if (msg < 126) {
            out[1] = (char)(0x80 | msg);
        } else {
            out[1] = (char)(0x80 | 126);
            out[2] = (char)(msg >> 8);
            out[3] = (char)msg;
        }
        static const unsigned char key[4] = {0x37, 0xfa, 0x21, 0x3d};
        memcpy(out + header, key, 4);
        for (int i = 0; i < msg; i++) out[header + 4 + i] = (char)('x' ^ key[i & 3]);
    } else {
        out = malloc(msg);
        memset(out, 'x', msg);
    }
    char *in = malloc(echo_len);
    struct conn *conns = calloc(nconns, sizeof(struct conn));

    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
        fprintf(stderr, "w4_loadgen: HOST must be an IPv4 address: %s\n", host);
        return 2;
    }
    int ep = epoll_create1(0);
    if (ep < 0) die("epoll_create1");
    /* Connect blocking, one after the other: simple, and done before anything is measured. */
    for (int i = 0; i < nconns; i++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) die("socket");
        if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) die("connect");
        if (ws) handshake(fd, host, port);
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        conns[i].fd = fd;
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t)i};
        if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0) die("epoll_ctl");
    }
    /* Send the first message on every connection. */
    for (int i = 0; i < nconns; i++) {
        conns[i].start_ns = now_ns();
        ssize_t n = write(conns[i].fd, out, out_len);
        if (n != (ssize_t)out_len) die("first write (short)");
        conns[i].sent = out_len;
    }

    uint64_t t0 = now_ns();
    uint64_t measure_start = t0 + (uint64_t)(warmup * 1e9);
    uint64_t end = measure_start + (uint64_t)(seconds * 1e9);
    int measuring = warmup <= 0;
    if (measuring) {
        printf("MEASURE\n");
        fflush(stdout);
    }
    uint64_t count = 0;
    struct epoll_event events[256];
    while (1) {
        uint64_t t = now_ns();
        if (!measuring && t >= measure_start) {
            measuring = 1;
            printf("MEASURE\n");
            fflush(stdout);
        }
        if (t >= end) break;
        int n = epoll_wait(ep, events, 256, 100);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("epoll_wait");
        }
        for (int e = 0; e < n; e++) {
            struct conn *c = &conns[events[e].data.u32];
            while (1) {
                ssize_t r = read(c->fd, in, echo_len - c->received);
                if (r < 0) {
                    if (errno == EAGAIN || errno == EWOULDBLOCK) break;
                    die("read");
                }
                if (r == 0) {
                    fprintf(stderr, "w4_loadgen: the server closed a connection\n");
                    return 1;
                }
                c->received += (size_t)r;
                if (c->received == echo_len) {
                    uint64_t done = now_ns();
                    if (measuring && done < end) {
                        uint64_t us = (done - c->start_ns) / 1000;
                        if (us < BUCKETS) histogram[us]++; else overflow++;
                        count++;
                    }
                    c->received = 0;
                    c->start_ns = done;
                    ssize_t w = write(c->fd, out, out_len);
                    if (w != (ssize_t)out_len) die("write (short: the server does not read)");
                    break;
                }
            }
        }
    }
    uint64_t total = count + overflow;
    double window = seconds;
    printf("RESULT %s msgs_per_s=%.1f p50_us=%.0f p99_us=%.0f msgs=%llu seconds=%.3f connections=%d msg_bytes=%d\n",
           ws ? "W7" : "W4", (double)total / window, percentile(total, 0.50), percentile(total, 0.99),
           (unsigned long long)total, window, nconns, msg);
    fflush(stdout);
    for (int i = 0; i < nconns; i++) close(conns[i].fd);
    return 0;
}
