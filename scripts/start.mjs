#!/usr/bin/env node
// `npm start`: from a fresh machine with only Node 20 and npm to ASL Studio served on http://127.0.0.1:4173.
//   1. pnpm 10.34.9 (npm i -g) when missing      2. pnpm install --frozen-lockfile when node_modules is missing or stale
//   3. pnpm build (the app and the CLI)           4. pnpm preview (vite preview; extra arguments go to it)
// Usage: npm start [-- --host 0.0.0.0 --port 8080] [-- --skip-build]
import { spawn } from 'node:child_process';
import { ROOT, describeListener, ensureDependencies, ensurePnpm, heading, isPortFree, runOrExit } from './lib.mjs';

const args = process.argv.slice(2);
const skipBuild = args.includes('--skip-build');
const previewArgs = args.filter((a) => a !== '--skip-build');

function option(name, fallback) {
  const i = previewArgs.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return fallback;
  const a = previewArgs[i];
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : (previewArgs[i + 1] ?? fallback);
}

await ensurePnpm();
await ensureDependencies();
if (!skipBuild) {
  heading('Building the app and the CLI');
  await runOrExit('pnpm', ['build'], 'pnpm build');
}

const host = option('--host', '127.0.0.1');
const port = Number(option('--port', '4173'));
const bindHost = host === 'true' || host === '' ? '0.0.0.0' : host;
if (!(await isPortFree(port, bindHost === '0.0.0.0' ? '0.0.0.0' : bindHost))) {
  const who = describeListener(port);
  console.error(
    `\nPort ${port} is already in use${who ? ` by ${who}` : ''}.\n` +
      `Stop that server (kill <PID>) or serve on another port: npm start -- --port ${port + 1}`,
  );
  process.exit(1);
}

heading(`ASL Studio on http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/ (Ctrl+C stops it)`);
console.log(`$ pnpm preview ${previewArgs.join(' ')}`);
// The server runs in its own process group, so that stopping this script (Ctrl+C, or a SIGTERM sent to it alone)
// stops pnpm *and* the vite process under it: pnpm does not pass SIGTERM on to its child.
const child = spawn('pnpm', ['preview', ...previewArgs], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
const stop = (signal) => {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop('SIGTERM'));
child.on('exit', (code, signal) => {
  stop('SIGTERM');
  process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
});
