'use strict';
// W3 fan-out: N async functions that return an int at once, all awaited; ROUNDS rounds in one
// process: the first is cold, the median of the others warm (microseconds per task).
// Usage: node w3_fan_out.js [N] [ROUNDS]
const { intArgs, result, median, secondsSince } = require('./bench_common');

async function value(i) {
  return i;
}

async function fanOut(n) {
  const start = process.hrtime.bigint();
  const results = await Promise.all(Array.from({ length: n }, (_, i) => value(i)));
  const seconds = secondsSince(start);
  const sum = results.reduce((a, b) => a + b, 0);
  if (sum !== (n * (n - 1)) / 2) throw new Error(`wrong results: sum ${sum}`);
  return seconds;
}

async function main() {
  const [n, given] = intArgs([100000, 10]);
  const rounds = Math.max(2, given);
  const micros = [];
  for (let r = 0; r < rounds; r++) {
    micros.push(((await fanOut(n)) * 1e6) / n);
  }
  result('W3', { n, rounds, cold_us: micros[0], warm_us: median(micros.slice(1)) });
}

main();
