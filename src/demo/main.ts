import { runDemo } from './demo';

// Entry of dist/demo.js (`npm start`); the logic lives in demo.ts so tests can run it in-process.
const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort());
runDemo(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), signal: controller.signal })
  .then((code) => {
    process.exitCode = code;
  }, (error: unknown) => {
    process.stderr.write(`demo: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
