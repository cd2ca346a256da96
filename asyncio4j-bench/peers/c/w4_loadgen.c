/*
 * W4 tcp-echo load generator (BENCH.md): one thread, epoll, C, so that it is never the
 * bottleneck. Keeps CONNS connections to HOST:PORT; on each, sends a MSG-byte message, waits for
 * the whole echo, records the round trip, and sends the next one at once.
 *
 *   w4_loadgen HOST PORT [CONNS=100] [SECONDS=10] [MSG=100] [WARMUP=2]
 *
 * Prints "MEASURE" when the warm-up ends and the measured window starts, then at the end:
 *   RESULT W4 msgs_per_s=<n> p50_us=<n> p99_us=<n> msgs=<n> seconds=<s> connections=<n> msg_bytes=<n>
 * Every loop is bounded in time; exit status 1 on any error (a connection closed, a short echo).
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

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: w4_loadgen HOST PORT [CONNS] [SECONDS] [MSG] [WARMUP]\n");
        return 2;
    }
    const char *host = argv[1];
    int port = atoi(argv[2]);
    int nconns = argc > 3 ? atoi(argv[3]) : 100;
    double seconds = argc > 4 ? atof(argv[4]) : 10;
    int msg = argc > 5 ? atoi(argv[5]) : 100;
    double warmup = argc > 6 ? atof(argv[6]) : 2;
    if (nconns < 1 || nconns > MAX_CONNS || msg < 1 || msg > 65536 || seconds <= 0) {
        fprintf(stderr, "w4_loadgen: bad arguments\n");
        return 2;
    }
    histogram = calloc(BUCKETS, sizeof(uint32_t));
    char *out = malloc(msg);
    char *in = malloc(msg);
    memset(out, 'x', msg);
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
        ssize_t n = write(conns[i].fd, out, msg);
        if (n != msg) die("first write (short)");
        conns[i].sent = msg;
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
                ssize_t r = read(c->fd, in, msg - c->received);
                if (r < 0) {
                    if (errno == EAGAIN || errno == EWOULDBLOCK) break;
                    die("read");
                }
                if (r == 0) {
                    fprintf(stderr, "w4_loadgen: the server closed a connection\n");
                    return 1;
                }
                c->received += (size_t)r;
                if (c->received == (size_t)msg) {
                    uint64_t done = now_ns();
                    if (measuring && done < end) {
                        uint64_t us = (done - c->start_ns) / 1000;
                        if (us < BUCKETS) histogram[us]++; else overflow++;
                        count++;
                    }
                    c->received = 0;
                    c->start_ns = done;
                    ssize_t w = write(c->fd, out, msg);
                    if (w != msg) die("write (short: the server does not read)");
                    break;
                }
            }
        }
    }
    uint64_t total = count + overflow;
    double window = seconds;
    printf("RESULT W4 msgs_per_s=%.1f p50_us=%.0f p99_us=%.0f msgs=%llu seconds=%.3f connections=%d msg_bytes=%d\n",
           (double)total / window, percentile(total, 0.50), percentile(total, 0.99),
           (unsigned long long)total, window, nconns, msg);
    fflush(stdout);
    for (int i = 0; i < nconns; i++) close(conns[i].fd);
    return 0;
}
