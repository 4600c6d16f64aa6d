// What the prerender (src/bin/prerender.rs) leaves in a built site, for the specs that change it.
import fs from 'node:fs';
import path from 'node:path';

/**
 * Takes the prerendered pages out of a copy of the site (they show the bundled feed): index.html becomes
 * Trunk's shell again and every other page the prerender wrote goes, so the app renders everything from
 * the feed the test gives it.
 */
export function unprerender(root) {
  const shell = path.join(root, 'shell.html');
  const manifest = path.join(root, '.np-prerendered');
  if (!fs.existsSync(shell)) return;
  for (const file of fs.readFileSync(manifest, 'utf8').split('\n').filter(Boolean)) {
    // With the precompressed copies (release builds), which would otherwise still hold the page.
    for (const suffix of ['', '.br', '.gz']) fs.rmSync(path.join(root, file + suffix), { force: true });
  }
  fs.copyFileSync(shell, path.join(root, 'index.html'));
  // The tests rewrite index.html (data-api, …); the server's fallback and the worker's (shell.html, which
  // the worker precaches) must answer with that same page.
  for (const suffix of ['', '.br', '.gz']) fs.rmSync(shell + suffix, { force: true });
  fs.symlinkSync('index.html', shell);
}


/** Trunk's index.html of a built site (the app's shell), also after the prerender wrote the home page over it. */
export function shellHtml(dist) {
  const shell = path.join(dist, 'shell.html');
  return fs.readFileSync(fs.existsSync(shell) ? shell : path.join(dist, 'index.html'), 'utf8');
}
