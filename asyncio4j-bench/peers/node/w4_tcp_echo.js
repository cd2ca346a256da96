'use strict';
// W4 tcp-echo: the net module's echo server, as a Node.js user would write it.
// Listens on 127.0.0.1:PORT (0: any free port), prints "READY port=<n>", and writes back every
// chunk it reads until its standard input closes. The load generator (peers/c/w4_loadgen.c) drives
// it and prints the RESULT line; the harness measures this process's CPU time. The same protocol as
// `TcpEcho serve` (asyncio4j).
// Usage: node w4_tcp_echo.js [PORT]
const net = require('net');
const { intArgs } = require('./bench_common');

const [port] = intArgs([0]);
const sockets = new Set();
const server = net.createServer((socket) => {
  sockets.add(socket);
  socket.on('data', (data) => socket.write(data));
  // The load generator closes its sockets with echoes unread: a reset, no error.
  socket.on('error', () => {});
  socket.on('close', () => sockets.delete(socket));
});
server.listen({ host: '127.0.0.1', port, backlog: 1024 }, () => {
  console.log(`READY port=${server.address().port}`);
});
process.stdin.resume();
process.stdin.on('end', () => {
  server.close();
  for (const socket of sockets) socket.destroy();
});
