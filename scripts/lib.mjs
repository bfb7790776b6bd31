// Shared helpers for scripts/start.mjs and scripts/test.mjs: find or install pnpm, install the workspace's
// dependencies when they are missing or stale, install Debian's Chromium for the end-to-end tests, run a step with
// its output streamed, and find free ports. Plain Node 20, no dependencies: these run before `pnpm install`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PNPM_VERSION = '10.34.9';
export const CHROMIUM = '/usr/bin/chromium';

/** Prints a section heading, so the steps stand out in a CI log. */
export function heading(text) {
  console.log(`\n=== ${text} ===`);
}

/** Runs a command synchronously and returns its trimmed stdout, or undefined when it cannot run or fails. */
function capture(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * Runs a command with its output streamed to ours; resolves to its exit code (never rejects).
 * A command that cannot be started resolves to 127.
 */
export function run(cmd, args, { env, cwd = ROOT } = {}) {
  console.log(`$ ${[cmd, ...args].join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', (err) => {
      console.error(`${cmd}: ${err.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Like run(), but exits this process with a message when the command fails. */
export async function runOrExit(cmd, args, what, options) {
  const code = await run(cmd, args, options);
  if (code !== 0) {
    console.error(`\n${what} failed (exit code ${code}).`);
    process.exit(code || 1);
  }
}

/** pnpm 10.34.9 on the PATH, installed with npm when missing or of another major version (corepack fails here). */
export async function ensurePnpm() {
  const version = capture('pnpm', ['--version']);
  if (version && version.split('.')[0] === PNPM_VERSION.split('.')[0]) return;
  heading(version ? `pnpm ${version} found; installing pnpm ${PNPM_VERSION}` : `Installing pnpm ${PNPM_VERSION}`);
  await runOrExit('npm', ['i', '-g', '--loglevel=error', `pnpm@${PNPM_VERSION}`], 'Installing pnpm');
  if (!capture('pnpm', ['--version'])) {
    console.error(`pnpm was installed but is not on the PATH; add $(npm prefix -g)/bin to PATH and retry.`);
    process.exit(1);
  }
}

/** The workspace's package.json files (root, apps/*, packages/*, e2e). */
function manifests() {
  const out = [path.join(ROOT, 'package.json')];
  for (const dir of ['apps', 'packages']) {
    const base = path.join(ROOT, dir);
    if (!fs.existsSync(base)) continue;
    for (const name of fs.readdirSync(base)) out.push(path.join(base, name, 'package.json'));
  }
  out.push(path.join(ROOT, 'e2e', 'package.json'));
  return out.filter((f) => fs.existsSync(f));
}

/**
 * Why node_modules needs an install, or undefined when it is up to date: missing, installed from another lockfile
 * (pnpm keeps a copy in node_modules/.pnpm/lock.yaml), or a package.json changed after the last install.
 */
export function depsStaleReason() {
  const marker = path.join(ROOT, 'node_modules', '.modules.yaml');
  const installedLock = path.join(ROOT, 'node_modules', '.pnpm', 'lock.yaml');
  if (!fs.existsSync(marker) || !fs.existsSync(installedLock)) return 'node_modules is missing';
  const lock = path.join(ROOT, 'pnpm-lock.yaml');
  if (fs.existsSync(lock) && fs.readFileSync(lock, 'utf8') !== fs.readFileSync(installedLock, 'utf8')) {
    return 'pnpm-lock.yaml changed since the last install';
  }
  const installedAt = fs.statSync(marker).mtimeMs;
  const changed = manifests().find((f) => fs.statSync(f).mtimeMs > installedAt);
  if (changed) return `${path.relative(ROOT, changed)} changed since the last install`;
  for (const f of manifests()) {
    if (!fs.existsSync(path.join(path.dirname(f), 'node_modules')) && hasDependencies(f)) {
      return `${path.relative(ROOT, path.dirname(f)) || '.'} has no node_modules`;
    }
  }
  return undefined;
}

function hasDependencies(manifest) {
  const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  return ['dependencies', 'devDependencies', 'optionalDependencies'].some((k) => Object.keys(pkg[k] ?? {}).length > 0);
}

/** `pnpm install --frozen-lockfile` when node_modules is missing or stale. */
export async function ensureDependencies() {
  const reason = depsStaleReason();
  if (!reason) return;
  heading(`Installing dependencies (${reason})`);
  await runOrExit('pnpm', ['install', '--frozen-lockfile'], 'pnpm install --frozen-lockfile', {
    env: { PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
}

/**
 * Debian's Chromium for Playwright (no browser download is possible here): installed with apt-get when
 * /usr/bin/chromium is missing and we are root. Returns false when it is still missing.
 */
export async function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(`${CHROMIUM} is missing: install it with \`sudo apt-get install -y chromium fonts-liberation\`.`);
    return false;
  }
  heading('Installing Chromium from Debian packages');
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  let code = await run('apt-get', ['update', '-q'], { env });
  if (code === 0) {
    code = await run('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'chromium', 'fonts-liberation'], {
      env,
    });
  }
  if (code !== 0 || !fs.existsSync(CHROMIUM)) {
    console.error(`Installing Chromium failed (exit code ${code}).`);
    return false;
  }
  return true;
}

/** Resolves to true when nothing listens on host:port. */
export function isPortFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The first free port from `preferred` upwards (up to 50 tries), or an ephemeral one. */
export async function freePort(preferred) {
  for (let p = preferred; p < preferred + 50; p++) if (await isPortFree(p)) return p;
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Describes which process listens on a TCP port (Linux /proc), for a helpful message; undefined when unknown. */
export function describeListener(port) {
  try {
    const hex = port.toString(16).toUpperCase().padStart(4, '0');
    const inodes = new Set();
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      if (!fs.existsSync(table)) continue;
      for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
        const cols = line.trim().split(/\s+/);
        if (cols.length > 9 && cols[1].endsWith(`:${hex}`) && cols[3] === '0A') inodes.add(cols[9]);
      }
    }
    if (inodes.size === 0) return undefined;
    for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      let fds;
      try {
        fds = fs.readdirSync(`/proc/${pid}/fd`);
      } catch {
        continue;
      }
      for (const fd of fds) {
        let target;
        try {
          target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
        } catch {
          continue;
        }
        const m = /^socket:\[(\d+)\]$/.exec(target);
        if (m && inodes.has(m[1])) {
          const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
          return `PID ${pid} (${cmd.slice(0, 120)})`;
        }
      }
    }
  } catch {
    // best effort only
  }
  return undefined;
}
