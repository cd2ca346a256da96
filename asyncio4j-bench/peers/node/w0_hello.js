'use strict';
// W0 start-up: an async main that sleeps 1 ms and prints hello; the harness times the process.
// Usage: node w0_hello.js

async function main() {
  await new Promise((resolve) => setTimeout(resolve, 1));
  console.log('hello');
}

main();
