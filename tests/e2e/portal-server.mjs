// The real portal server (server/, issue 24) for the e2e tier: a fresh SQLite database with the bundled
// feed imported, `serve` on a loopback port 0, the built site from `dist` (or a prepared copy).
//   const portal = await startPortalServer({ dist, dedupeMinutes: 0 });
//   portal.url (http://127.0.0.1:PORT), portal.stats(), portal.item(slug), portal.close()
// The binary is built by global-setup.mjs (target/debug/portal-server, or PORTAL_SERVER): the dev profile,
// whose artifacts scripts/test-server.sh has already built (a second profile would compile the server's
// dependencies again, minutes on two cores).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './support.mjs';

export const PORTAL_SERVER = process.env.PORTAL_SERVER ?? path.join(repoRoot, 'target/debug/portal-server');

/** Builds the server binary (cargo is quick when nothing changed). */
export function buildPortalServer() {
  if (process.env.PORTAL_SERVER) return;
  const built = spawnSync('cargo', ['build', '--quiet', '-p', 'portal-server'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('e2e: `cargo build -p portal-server` failed');
}

export async function startPortalServer({ dist, dedupeMinutes = 0, rateLimitPerMinute = 0, corsOrigins = [], extraArgs = [] } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-portal-db-'));
  const db = `sqlite:${path.join(dir, 'portal.db')}`;
  const imported = spawnSync(PORTAL_SERVER, ['import', '--feed', path.join(repoRoot, 'public/feed.json'), '--db', db], {
    encoding: 'utf8',
  });
  if (imported.status !== 0) throw new Error(`portal-server import failed: ${imported.stderr}`);
  const args = ['serve', '--db', db, '--listen', '127.0.0.1:0', '--dedupe-minutes', String(dedupeMinutes)];
  args.push('--rate-limit-per-minute', String(rateLimitPerMinute));
  if (dist) args.push('--dist', dist);
  for (const origin of corsOrigins) args.push('--cors-origin', origin);
  args.push(...extraArgs);
  const child = spawn(PORTAL_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /^listening on (http:\/\/[^/\s]+)\//m.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`portal-server exited (${code}): ${stderr}`)));
  });
  const getJson = async (p) => {
    const r = await fetch(url + p);
    if (!r.ok) throw new Error(`${p}: HTTP ${r.status}`);
    return r.json();
  };
  return {
    url,
    origin: url,
    stats: () => getJson('/api/stats'),
    item: (slug) => getJson(`/api/articles/${encodeURIComponent(slug)}`),
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
