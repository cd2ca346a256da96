/*
 * W4 tcp-echo reference server: the least work any echo server on this kernel can do per message,
 * so the W4 table shows how much of a runtime's CPU time per message is the kernel's own TCP cost.
 * One thread, level-triggered epoll, one read() and one write() per message; no runtime, no
 * allocation. Not a contender: a floor.
 *
 *   w4_echo_floor [PORT=0]
 *
 * Listens on 127.0.0.1:PORT, prints "READY port=<n>", and echoes until its standard input closes
 * (the READY protocol of the other W4 servers). Exit status 1 on a setup error.
 *
 * Build: gcc -O2 -o w4_echo_floor w4_echo_floor.c
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

static void die(const char *what) {
    fprintf(stderr, "w4_echo_floor: %s: %s\n", what, strerror(errno));
    exit(1);
}

int main(int argc, char **argv) {
    int port = argc > 1 ? atoi(argv[1]) : 0;
    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (listener < 0) die("socket");
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(port)};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *)&addr, sizeof addr) < 0) die("bind");
    if (listen(listener, 1024) < 0) die("listen");
    socklen_t len = sizeof addr;
    getsockname(listener, (struct sockaddr *)&addr, &len);

    int ep = epoll_create1(0);
    if (ep < 0) die("epoll_create1");
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = listener};
    epoll_ctl(ep, EPOLL_CTL_ADD, listener, &ev);
    ev.data.fd = STDIN_FILENO; /* its end (EOF) stops the server */
    epoll_ctl(ep, EPOLL_CTL_ADD, STDIN_FILENO, &ev);

    printf("READY port=%d\n", ntohs(addr.sin_port));
    fflush(stdout);

    char buf[65536];
    struct epoll_event events[256];
    for (;;) {
        int n = epoll_wait(ep, events, 256, -1);
        if (n < 0 && errno != EINTR) die("epoll_wait");
        for (int i = 0; i < n; i++) {
            int fd = events[i].data.fd;
            if (fd == STDIN_FILENO) {
                ssize_t r = read(STDIN_FILENO, buf, sizeof buf);
                if (r <= 0) return 0;
            } else if (fd == listener) {
                int c;
                while ((c = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    struct epoll_event cev = {.events = EPOLLIN, .data.fd = c};
                    epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev);
                }
            } else {
                ssize_t r = read(fd, buf, sizeof buf);
                if (r <= 0) {
                    if (r < 0 && errno == EAGAIN) continue;
                    close(fd); /* closing removes it from the epoll set */
                    continue;
                }
                /* 100-byte echoes always fit the send buffer; a short write would need a wait. */
                ssize_t off = 0;
                while (off < r) {
                    ssize_t w = write(fd, buf + off, r - off);
                    if (w < 0) {
                        if (errno == EAGAIN) continue;
                        close(fd);
                        break;
                    }
                    off += w;
                }
            }
        }
    }
}
