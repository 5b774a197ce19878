// `npm run screenshots` re-takes docs/screenshots/ from the browser tests: a test calls this where its screen is worth showing.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO } from './server.ts';

const ENABLED = process.env.SAFEPASSAGE_SCREENSHOTS === '1';

/** Saves the page as docs/screenshots/NAME.png when SAFEPASSAGE_SCREENSHOTS=1; does nothing otherwise. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  if (!ENABLED) return;
  const dir = join(REPO, 'docs/screenshots');
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage });
}
