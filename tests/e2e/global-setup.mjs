// Fails the run up front, with the fix in the message, when there is nothing to test.
import fs from 'node:fs';
import path from 'node:path';
import { buildPortalServer } from './portal-server.mjs';
import { CHROMIUM_PATH, distDir, repoRoot } from './support.mjs';

export default function globalSetup() {
  const index = path.join(distDir, 'index.html');
  if (!fs.existsSync(index)) {
    throw new Error(
      `e2e: ${path.relative(repoRoot, index) || index} is missing (looked in ${distDir}).\n` +
        'Build the site first: `trunk build --release` (or point E2E_DIST at a built site).',
    );
  }
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `e2e: Chromium not found at ${CHROMIUM_PATH}. Install the distribution package (scripts/setup.sh does) ` +
        'or set CHROMIUM_PATH; do not run `npx playwright install`.',
    );
  }
  // The counter specs count against the real portal server (server/).
  buildPortalServer();
}
