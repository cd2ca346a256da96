'use strict';
// W5 http-server: the http module answering GET / with "Hello, World!" text/plain over keep-alive,
// as a Node.js user would write it. Also /json and /sleep (a 1 ms timer).
// Listens on 127.0.0.1:PORT (0: any free port), prints "READY port=<n>", and serves until its
// standard input closes. wrk (peers/wrk/w5_wrk.sh) drives it and prints the RESULT line; the
// harness measures this process's CPU time. The same protocol as `HttpServer serve` (asyncio4j).
// Usage: node w5_http_server.js [PORT]
const http = require('http');
const { intArgs } = require('./bench_common');

const [port] = intArgs([0]);
const hello = 'Hello, World!';
const server = http.createServer((req, res) => {
  if (req.url === '/') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(hello);
  } else if (req.url === '/json') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ message: hello }));
  } else if (req.url === '/sleep') {
    setTimeout(() => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(hello);
    }, 1);
  } else {
    res.writeHead(404);
    res.end();
  }
});
server.keepAliveTimeout = 75000;
server.listen({ host: '127.0.0.1', port, backlog: 1024 }, () => {
  console.log(`READY port=${server.address().port}`);
});
process.stdin.resume();
process.stdin.on('end', () => {
  server.close();
  server.closeAllConnections();
});
