'use strict';
// W7 ws-echo: the `ws` package's echo server, as a Node.js user would write it.
// Listens on 127.0.0.1:PORT (0: any free port), prints "READY port=<n>", and sends back every
// message it receives until its standard input closes. The load generator (peers/c/w4_loadgen.c in
// ws mode) drives it and prints the RESULT line; the harness measures this process's CPU time.
// `ws` comes from npm: scripts/install-test-peers.sh puts it in ~/.cache/asyncio4j/node-peers.
// Usage: node w7_ws_echo.js [PORT]
const os = require('os');
const path = require('path');
const { intArgs } = require('./bench_common');

function loadWs() {
  try {
    return require('ws');
  } catch (e) {
    const cache = process.env.ASYNCIO4J_NODE_PEERS || path.join(os.homedir(), '.cache/asyncio4j/node-peers');
    return require(path.join(cache, 'node_modules/ws'));
  }
}

const { WebSocketServer } = loadWs();
const [port] = intArgs([0]);
const wss = new WebSocketServer({ host: '127.0.0.1', port, backlog: 1024 }, () => {
  console.log(`READY port=${wss.address().port}`);
});
wss.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  // The load generator closes its sockets without a close handshake: no error.
  ws.on('error', () => {});
});
process.stdin.resume();
process.stdin.on('end', () => {
  for (const ws of wss.clients) ws.terminate();
  wss.close();
});
