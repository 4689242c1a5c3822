import { main } from './main';

// The executable's entry: wires the process to main(). Kept apart from main.ts so that
// bundles which import main() (the demo) do not start a second CLI run.
const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort());
main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
}).then((code) => {
  process.exitCode = code;
});
