'use strict';
// W6 http-client: REQUESTS GETs of URL with Node's fetch (undici, keep-alive by default),
// CONCURRENCY at a time, each reading the whole body; req_per_s over the whole run.
// Usage: node w6_http_gets.js URL [REQUESTS] [CONCURRENCY]

const { result, secondsSince } = require('./bench_common');

async function main() {
  const [url, requestsArg, concurrencyArg] = process.argv.slice(2);
  if (!url) {
    throw new Error('usage: node w6_http_gets.js URL [REQUESTS] [CONCURRENCY]');
  }
  const requests = requestsArg ? Number.parseInt(requestsArg, 10) : 20000;
  const concurrency = concurrencyArg ? Number.parseInt(concurrencyArg, 10) : 100;
  let remaining = requests;
  async function worker() {
    while (remaining > 0) {
      remaining--;
      const r = await fetch(url);
      const body = await r.arrayBuffer();
      if (r.status !== 200 || body.byteLength !== 13) {
        throw new Error(`unexpected answer: ${r.status}, ${body.byteLength} bytes`);
      }
    }
  }
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = secondsSince(start);
  result('W6', { requests, concurrency, req_per_s: requests / seconds });
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
