#!/usr/bin/env node
/*
 * Makes sure PostgreSQL and Redis answer at the configured URLs. Where one is down and its server
 * is installed on this machine, starts it; otherwise says exactly what to install or set. With
 * --browser (the test command), also makes sure Chromium is there for the browser tests.
 */
const { execSync, spawnSync } = require('node:child_process');
const { existsSync, readdirSync, mkdirSync } = require('node:fs');
const net = require('node:net');

const DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/steppingstone';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

function hostPort(url, defaultPort) {
  const u = new URL(url);
  return { host: u.hostname || '127.0.0.1', port: Number(u.port || defaultPort) };
}

function reachable({ host, port }, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function waitFor(target, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await reachable(target, 500)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

const isLocal = ({ host }) => ['127.0.0.1', 'localhost', '::1'].includes(host);
const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

function startPostgres() {
  if (has('pg_ctlcluster') && existsSync('/etc/postgresql')) {
    for (const version of readdirSync('/etc/postgresql')) {
      execSync(`pg_ctlcluster --skip-systemctl-redirect ${version} main start`, { stdio: 'inherit' });
    }
    return true;
  }
  return false;
}

function startRedis(port) {
  if (!has('redis-server')) return false;
  const dir = existsSync('/var/lib/redis') ? '/var/lib/redis' : '/tmp';
  const logDir = existsSync('/var/log/redis') ? '/var/log/redis' : '/tmp';
  mkdirSync(dir, { recursive: true });
  execSync(`redis-server --daemonize yes --bind 127.0.0.1 -::1 --port ${port} --save "" --appendonly no --dir ${dir} --logfile ${logDir}/steppingstone.log`, { stdio: 'inherit' });
  return true;
}

async function ensure(name, target, start, advice) {
  if (await reachable(target)) {
    console.log(`${name}: ok at ${target.host}:${target.port}`);
    return true;
  }
  if (isLocal(target)) {
    console.log(`${name}: not answering at ${target.host}:${target.port}; starting the local server…`);
    try {
      if (start() && (await waitFor(target, 20))) {
        console.log(`${name}: started`);
        return true;
      }
    } catch (error) {
      console.error(`${name}: could not start it (${error.message})`);
    }
  }
  console.error(`${name}: not reachable at ${target.host}:${target.port}. ${advice}`);
  return false;
}

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * The browser tests drive Debian's Chromium (never a browser downloaded by a test tool). Installs the
 * package where this user may, otherwise stops at once with the command to run.
 */
function ensureChromium() {
  if (existsSync(CHROMIUM)) {
    console.log(`Chromium: ok at ${CHROMIUM}`);
    return true;
  }
  const advice = `Install Debian's Chromium (\`sudo apt-get install -y chromium\`) or set CHROMIUM_PATH to a Chromium or Chrome binary.`;
  if (process.env.CHROMIUM_PATH || !has('apt-get')) {
    console.error(`Chromium: not found at ${CHROMIUM}. ${advice}`);
    return false;
  }
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = root ? '' : spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0 ? 'sudo ' : undefined;
  if (sudo === undefined) {
    console.error(`Chromium: not found at ${CHROMIUM}, and installing it needs root. ${advice}`);
    return false;
  }
  console.log("Chromium: not found; installing Debian's chromium package…");
  try {
    execSync(`${sudo}env DEBIAN_FRONTEND=noninteractive apt-get update -q && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium`, { stdio: 'inherit' });
  } catch (error) {
    console.error(`Chromium: the install failed (${error.message}). ${advice}`);
    return false;
  }
  if (existsSync(CHROMIUM)) return true;
  console.error(`Chromium: installed, but not at ${CHROMIUM}. ${advice}`);
  return false;
}

(async () => {
  const pg = hostPort(DATABASE_URL, 5432);
  const redis = hostPort(REDIS_URL, 6379);
  const results = [
    await ensure(
      'PostgreSQL',
      pg,
      startPostgres,
      'Install it (Debian: `apt-get install postgresql`) or set DATABASE_URL to a PostgreSQL 13+ server, e.g. postgres://user:password@host:5432/steppingstone.',
    ),
    await ensure('Redis', redis, () => startRedis(redis.port), 'Install it (Debian: `apt-get install redis-server`) or set REDIS_URL to a Redis 6.2+ server, e.g. redis://host:6379.'),
  ];
  if (process.argv.includes('--browser')) results.push(ensureChromium());
  if (results.includes(false)) process.exit(1);
})();
