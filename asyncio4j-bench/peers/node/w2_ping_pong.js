'use strict';
// W2 ping-pong: two async functions exchange MESSAGES messages through a queue of capacity 1.
// Node has no bounded async queue built in; this one works like asyncio.Queue (waiters woken FIFO).
// Usage: node w2_ping_pong.js [MESSAGES]
const { intArgs, result, secondsSince } = require('./bench_common');

class Queue {
  constructor(maxsize) {
    this.maxsize = maxsize;
    this.items = [];
    this.getters = [];
    this.putters = [];
  }

  async put(item) {
    while (this.items.length >= this.maxsize) {
      await new Promise((resolve) => this.putters.push(resolve));
    }
    this.items.push(item);
    const getter = this.getters.shift();
    if (getter) getter();
  }

  async get() {
    while (this.items.length === 0) {
      await new Promise((resolve) => this.getters.push(resolve));
    }
    const item = this.items.shift();
    const putter = this.putters.shift();
    if (putter) putter();
    return item;
  }
}

async function producer(queue, messages) {
  for (let i = 0; i < messages; i++) {
    await queue.put(i);
  }
}

async function consumer(queue, messages) {
  let total = 0;
  for (let i = 0; i < messages; i++) {
    total += await queue.get();
  }
  return total;
}

async function main() {
  const [messages] = intArgs([1000000]);
  const queue = new Queue(1);
  const start = process.hrtime.bigint();
  const [, total] = await Promise.all([producer(queue, messages), consumer(queue, messages)]);
  const seconds = secondsSince(start);
  if (total !== (messages * (messages - 1)) / 2) throw new Error(`lost messages: sum ${total}`);
  result('W2', { messages, ns_per_msg: (seconds * 1e9) / messages, wall_s: seconds });
}

main();
