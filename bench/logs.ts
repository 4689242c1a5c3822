import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateLog } from './logGenerator';

/**
 * `invoice-doctor analyze` (the built bundle) against the usual shell one-liners, on
 * ~500 MB of synthetic nginx logs (half error log, half access log, 2% failure lines) and a
 * Spring Boot application log of a quarter of that size (2% failures, with stack traces).
 * Files are read once beforehand so every contender starts from the page cache; each runs
 * BENCH_RUNS times (default 3) and the median run counts, with the load average beside it
 * (the machine is shared). Run directly: `npx tsx bench/logs.ts` (builds dist/ first: the CLI
 * analyses large files in worker threads from dist/logWorker.js).
 */
const REPO = resolve(__dirname, '..');
const TOTAL_BYTES = Number(process.env.BENCH_LOG_BYTES ?? 500e6);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const NGINX_SIGNATURES = 'upstream timed out|connect\\(\\) failed|no live upstreams|prematurely closed|SSL certificate verify error|Connection reset by peer|could not be resolved|worker_connections are not enough';
// What one greps an application log for: the exception and message texts of connection failures.
const APP_SIGNATURES = 'Connection refused|Connection reset|timed out|Connection is not available|has been closed|UnknownHostException|SSLHandshakeException';

interface Timed {
  seconds: number;
  mbPerSecond: number;
  /** User plus system CPU time of the process and its children: steadier than `seconds` when other work shares the cores. */
  cpuSeconds?: number;
  peakRssMb?: number;
  output: string;
}

/** The run of median duration out of RUNS. */
function median(run: () => Timed): Timed {
  const runs = Array.from({ length: RUNS }, run).sort((a, b) => a.seconds - b.seconds);
  return runs[Math.floor((runs.length - 1) / 2)];
}

function timeShell(command: string, bytes: number): Timed {
  const useTime = existsSync('/usr/bin/time');
  const started = process.hrtime.bigint();
  const run = useTime
    ? spawnSync('/usr/bin/time', ['-f', CPU_FORMAT, 'bash', '-c', command], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    : spawnSync('bash', ['-c', command], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`${command} exited ${run.status}: ${run.stderr}`);
  return { seconds, mbPerSecond: bytes / 1e6 / seconds, cpuSeconds: cpuOf(run.stderr ?? ''), output: run.stdout.trim().slice(0, 200) };
}

// GNU time: "-f" output for the shell contenders, "-v" for ours (which also reports the peak RSS).
const CPU_FORMAT = 'cpu-seconds %U %S';
function cpuOf(timeOutput: string): number | undefined {
  const short = /cpu-seconds ([\d.]+) ([\d.]+)/.exec(timeOutput);
  const user = short?.[1] ?? /User time \(seconds\): ([\d.]+)/.exec(timeOutput)?.[1];
  const system = short?.[2] ?? /System time \(seconds\): ([\d.]+)/.exec(timeOutput)?.[1];
  return user !== undefined && system !== undefined ? Math.round((Number(user) + Number(system)) * 100) / 100 : undefined;
}

/** Runs ours under /usr/bin/time -v for the peak RSS (exit 1 = findings, which is expected). */
function timeOurs(files: string[], bytes: number): Timed {
  const args = [join(REPO, 'dist/cli.js'), 'analyze', ...files, '--json', '--tz', 'UTC'];
  const useTime = existsSync('/usr/bin/time');
  const started = process.hrtime.bigint();
  const run = useTime ? spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }) : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 1) throw new Error(`analyze exited ${run.status}: ${run.stderr}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr ?? '');
  const doc = JSON.parse(run.stdout) as { findings: { category: string; count: number }[] };
  return {
    seconds,
    mbPerSecond: bytes / 1e6 / seconds,
    cpuSeconds: cpuOf(run.stderr ?? ''),
    peakRssMb: rss ? Number(rss[1]) / 1024 : undefined,
    output: doc.findings.map((f) => `${f.category}=${f.count}`).join(' '),
  };
}

export async function benchLogs(): Promise<Record<string, unknown>> {
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'bench-logs-'));
  try {
    const error = await generateLog(join(dir, 'error.log'), 'error', TOTAL_BYTES / 2);
    const access = await generateLog(join(dir, 'access.log'), 'access', TOTAL_BYTES / 2);
    const app = await generateLog(join(dir, 'app.log'), 'app', TOTAL_BYTES / 4);
    const size = (path: string) => statSync(path).size;
    execFileSync('bash', ['-c', `cat ${error.path} ${access.path} ${app.path} > /dev/null`]); // warm the page cache

    const loadBefore = loadavg();
    const ours = {
      both: median(() => timeOurs([error.path, access.path], size(error.path) + size(access.path))),
      errorLog: median(() => timeOurs([error.path], size(error.path))),
      accessLog: median(() => timeOurs([access.path], size(access.path))),
      appLog: median(() => timeOurs([app.path], size(app.path))),
    };
    const shell = {
      grepSignaturesErrorLog: median(() => timeShell(`grep -cE '${NGINX_SIGNATURES}' ${error.path}`, size(error.path))),
      // The pipeline of the issue, on both logs: in an error log it counts the word after the errno
      // of every "error" line; in an access log grep finds nothing and only reads the file.
      grepErrorAwkSortUniqErrorLog: median(() => timeShell(`grep -i error ${error.path} | awk '{print $9}' | sort | uniq -c`, size(error.path))),
      grepErrorAwkSortUniqAccessLog: median(() => timeShell(`grep -i error ${access.path} | awk '{print $9}' | sort | uniq -c`, size(access.path))),
      awkStatus5xxAccessLog: median(() => timeShell(`awk '$9 ~ /^5/ {n++} END {print n}' ${access.path}`, size(access.path))),
      grepSignaturesAppLog: median(() => timeShell(`grep -cE '${APP_SIGNATURES}' ${app.path}`, size(app.path))),
    };
    return {
      runs: RUNS,
      loadAverage: { before: loadBefore.map((l) => l.toFixed(2)), after: loadavg().map((l) => l.toFixed(2)) },
      bytes: { errorLog: size(error.path), accessLog: size(access.path), appLog: size(app.path) },
      failureLines: { errorLog: error.failureLines, accessLog: access.failureLines, appLog: app.failureLines },
      ours,
      shell,
      ratios: {
        oursErrorVsGrepSignatures: ours.errorLog.mbPerSecond / shell.grepSignaturesErrorLog.mbPerSecond,
        oursBothVsGrepSignatures: ours.both.mbPerSecond / shell.grepSignaturesErrorLog.mbPerSecond,
        oursErrorVsGrepAwkSortUniq: ours.errorLog.mbPerSecond / shell.grepErrorAwkSortUniqErrorLog.mbPerSecond,
        oursAccessVsGrepAwkSortUniq: ours.accessLog.mbPerSecond / shell.grepErrorAwkSortUniqAccessLog.mbPerSecond,
        oursAccessVsAwk5xx: ours.accessLog.mbPerSecond / shell.awkStatus5xxAccessLog.mbPerSecond,
        oursAppVsGrepSignatures: ours.appLog.mbPerSecond / shell.grepSignaturesAppLog.mbPerSecond,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchLogs().then((result) => console.log(JSON.stringify(result, null, 2)));
}
