// Writes dist/sw.js, the offline service worker (README, "Offline reading"): worker/sw.js bundled with
// the Workbox modules it imports (rollup), then the list of shell files Workbox's build step finds in
// the staging dir injected into it. Run by scripts/post-build.mjs after the prerender (index.html is
// precached as prerendered) and before the precompression (sw.js gets its .br/.gz like every asset).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import { injectManifest } from 'workbox-build';

/** Trunk's hashed names (`main-abbb905b1d9e8e61.css`, `…_bg.wasm`): the name is the revision. */
// Trunk writes its 64-bit hash in hex without leading zeros: 16 digits, fewer one build in 16.
const HASHED = /-[0-9a-f]{12,16}(_bg)?\.(js|wasm|css)$/;

export async function buildServiceWorker(staging, { release }) {
  const tmp = mkdtempSync(join(tmpdir(), 'np-sw-'));
  try {
    const bundledPath = join(tmp, 'sw.js');
    const bundle = await rollup({
      input: 'worker/sw.js',
      plugins: [
        nodeResolve({ browser: true }),
        // Workbox logs every routing decision unless built for production.
        replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
        ...(release ? [terser()] : []),
      ],
    });
    await bundle.write({ file: bundledPath, format: 'iife' });
    await bundle.close();
    const { count, size, warnings } = await injectManifest({
      swSrc: bundledPath,
      swDest: join(staging, 'sw.js'),
      globDirectory: staging,
      // The shell only: pages, data and attachments are kept when a reader opens them. Not the icons
      // (≈ 70 KB): the browser fetches them itself when the site is installed.
      globPatterns: ['index.html', 'shell.html', '*.{js,wasm,css,svg,webmanifest}', 'snippets/**/*.js'],
      // The widgets' wasm is for host pages of widgets only (scripts/post-build.mjs), never the app's shell.
      globIgnores: ['sw.js', 'portal-widgets-*'],
      dontCacheBustURLsMatching: HASHED,
      // A debug build's wasm is several MB; it is still the shell.
      maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
    });
    for (const w of warnings) console.warn(`build-sw: ${w}`);
    console.log(`build-sw: sw.js precaches ${count} files (${size} bytes)`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
