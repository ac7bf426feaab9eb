/**
 * The Chromium that browser tests and e2e runs drive. Playwright's own browser download cannot work offline, so we
 * use a system Chromium: $CHROMIUM_PATH if set, else Debian's /usr/bin/chromium. Existence is checked by
 * scripts/check-chromium.mjs before the browser tests, with instructions when it is missing.
 */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  return fromEnv && fromEnv.length > 0 ? fromEnv : '/usr/bin/chromium';
}
