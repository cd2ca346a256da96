-- Prints wrk's figures as the harness's RESULT line (W5): requests per second, p50 and p99
-- latency in microseconds, and the request count (for the server's CPU time per request).
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT W5 req_per_s=%.1f p50_us=%d p99_us=%d msgs=%d errors=%d\n",
    summary.requests / seconds, latency:percentile(50), latency:percentile(99), summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
      + summary.errors.timeout))
end
