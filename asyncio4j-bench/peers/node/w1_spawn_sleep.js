'use strict';
// W1 spawn-sleep: N async functions each sleep 1 s, all awaited. Usage: node w1_spawn_sleep.js [N]
const { setTimeout: sleep } = require('node:timers/promises');
const { intArgs, result, secondsSince } = require('./bench_common');

async function sleeper() {
  await sleep(1000);
}

async function main() {
  const [n] = intArgs([100000]);
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: n }, () => sleeper()));
  result('W1', { n, wall_s: secondsSince(start) });
}

main();
