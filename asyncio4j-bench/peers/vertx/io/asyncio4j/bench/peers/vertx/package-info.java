/** The Vert.x peer of the benchmarks: W5's HTTP server on Vert.x 5 (Netty underneath). */
package io.asyncio4j.bench.peers.vertx;
