/**
 * HTTP load through autocannon's programmatic API: an unmeasured warm-up run, then a measured run
 * with the same settings. Any connection error, timeout or non-2xx answer fails the measurement.
 *
 * Requests per second is autocannon's mean of its per-second samples (`requests.average`). The
 * p99 latency is computed here from every response time autocannon reports (float milliseconds):
 * autocannon's own `latency.p99` comes from a histogram with 1 ms resolution, which reads 0 or 1
 * for a fast target and would make the ratio meaningless. Its value is logged next to ours.
 */
import autocannon from 'autocannon';

export interface LoadSettings {
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p99Ms: number;
  totalRequests: number;
}

export async function measureLoad(url: string, settings: LoadSettings, log: (line: string) => void, headers: Record<string, string> = {}): Promise<LoadResult> {
  log(`  warm-up ${settings.warmupSeconds} s: ${url}`);
  await runAutocannon({ url, headers, connections: settings.connections, durationSeconds: settings.warmupSeconds, phase: 'warm-up' });
  log(`  measure ${settings.durationSeconds} s × ${settings.connections} connections: ${url}`);
  const { result, responseTimesMs } = await runAutocannon({ url, headers, connections: settings.connections, durationSeconds: settings.durationSeconds, phase: 'measured run' });
  const measured = { requestsPerSecond: result.requests.average, p99Ms: percentile(responseTimesMs, 0.99), totalRequests: result.requests.total };
  log(`  → ${measured.requestsPerSecond.toFixed(1)} req/s, p99 ${measured.p99Ms.toFixed(3)} ms (autocannon p99 ${result.latency.p99} ms), ${measured.totalRequests} requests`);
  return measured;
}

interface Run {
  result: autocannon.Result;
  responseTimesMs: Float64Array;
}

function runAutocannon(options: { url: string; headers: Record<string, string>; connections: number; durationSeconds: number; phase: string }): Promise<Run> {
  const { url, headers, connections, durationSeconds, phase } = options;
  const times: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, headers, connections, duration: durationSeconds, pipelining: 1, timeout: 10 }, (error: unknown, result) => {
      if (error) return reject(error instanceof Error ? error : new Error(String(error)));
      const problem = describeProblems(result);
      if (problem) return reject(new Error(`${phase} against ${url}: ${problem}`));
      resolve({ result, responseTimesMs: Float64Array.from(times) });
    });
    instance.on('response', (_client, _statusCode, _bytes, responseTimeMs) => times.push(responseTimeMs));
  });
}

/** Why a run does not count, or undefined when every request got a 2xx answer. */
function describeProblems(result: autocannon.Result): string | undefined {
  const problems: string[] = [];
  if (result.errors > 0) problems.push(`${result.errors} connection errors (${result.timeouts} timeouts)`);
  if (result.non2xx > 0) problems.push(`${result.non2xx} non-2xx answers (${statusCounts(result)})`);
  if (result['2xx'] === 0 && problems.length === 0) problems.push('no 2xx answer at all');
  return problems.length ? problems.join('; ') : undefined;
}

function statusCounts(result: autocannon.Result): string {
  const counts = [
    result['1xx'] && `1xx: ${result['1xx']}`,
    result['3xx'] && `3xx: ${result['3xx']}`,
    result['4xx'] && `4xx: ${result['4xx']}`,
    result['5xx'] && `5xx: ${result['5xx']}`,
  ];
  return counts.filter(Boolean).join(', ');
}

/** Nearest-rank percentile (q in 0..1) of unsorted values. */
function percentile(values: Float64Array, q: number): number {
  if (values.length === 0) throw new Error('no response times recorded');
  const sorted = values.slice().sort();
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}
