// Fails early, with how to fix it, when no Chromium is available for the browser tests (Playwright cannot download
// one offline). CHROMIUM_PATH overrides the default Debian location.
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(path)) {
  console.error(
    `\nNo Chromium found at ${path}.\n` +
      'Browser tests drive a real Chromium through Playwright. Install one ("apt-get install -y chromium" on Debian/Ubuntu)\n' +
      'or set CHROMIUM_PATH to a Chromium or Chrome executable, then rerun.\n',
  );
  process.exit(1);
}
