'use strict';
// Shared by the Node.js peers: arguments and the RESULT line.

/** Positional integer arguments, with defaults. */
function intArgs(defaults) {
  const given = process.argv.slice(2).map((a) => Number.parseInt(a.replaceAll('_', ''), 10));
  return defaults.map((d, i) => (i < given.length ? given[i] : d));
}

/** Prints RESULT <workload> name=value ... (non-integers with six significant digits). */
function result(workload, figures) {
  const parts = Object.entries(figures).map(([k, v]) =>
    `${k}=${Number.isInteger(v) ? v : Number(v.toPrecision(6))}`);
  console.log(`RESULT ${workload} ${parts.join(' ')}`);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Seconds since `start` (a process.hrtime.bigint() value). */
function secondsSince(start) {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

module.exports = { intArgs, result, median, secondsSince };
