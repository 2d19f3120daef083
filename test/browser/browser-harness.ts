import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { spawnTsProcess, type TsProcess } from '@cvl/testing';

const ROOT = join(__dirname, '..', '..');
/** Debian's Chromium (apt-get install chromium; tools/test.sh installs it when missing): no browser is downloaded. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots of every step, kept after the run (CI artefacts; two of them illustrate the README). */
export const ARTIFACTS = join(ROOT, 'test', 'browser', 'artifacts');

/** Flags for a headless Chromium as root on a machine with a closed network (architecture.md §3). */
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--lang=fr-FR',
];

export interface RunningSuite {
  url: string;
  adminToken: string;
  browser: Browser;
  stop(): Promise<void>;
}

/**
 * The embedded suite as `npm start` runs it (its own data folder, PGlite, the contract loaded on first start, the
 * web application built by Vite), and a real Chromium to drive it.
 */
export async function startSuiteAndBrowser(): Promise<RunningSuite> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium introuvable (${CHROMIUM}) : apt-get install -y chromium (tools/test.sh le fait)`);
  execFileSync(process.execPath, [join(ROOT, 'tools', 'build-web.mjs'), '--if-stale'], { cwd: ROOT, stdio: 'inherit' });
  mkdirSync(ARTIFACTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'cvl-browser-'));
  const suite: TsProcess = spawnTsProcess('services/suite/src/main.ts', {
    PORT: '0',
    CVL_DATA_DIR: dataDir,
    DATABASE_URL: '',
    KAFKA_BROKERS: '',
  });
  const [, url] = await suite.waitForLine(/^Mode intégré : (http:\/\/127\.0\.0\.1:\d+)/, 120_000);
  await suite.waitForLine(/^Arrêt/, 120_000);
  const tokenAt = suite.lines.findIndex((line) => line.startsWith('Jeton d’administration'));
  const adminToken = suite.lines[tokenAt + 1].trim();
  // In French, as its users run it: the browser's own words (file picker, date fields « jj/mm/aaaa ») follow LANGUAGE.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_FLAGS,
    env: { ...process.env, LANGUAGE: 'fr', LANG: 'fr_FR.UTF-8' },
  });
  return {
    url,
    adminToken,
    browser,
    stop: async () => {
      await browser.close();
      await suite.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A new browser context (its own cookies and session storage): one person, in French, in Paris. */
export async function newPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL: url,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** Signs in through the embedded provider as a person picks their demo account, and waits for the application. */
export async function signInAs(page: Page, accountName: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(/\/connexion\/interaction\//);
  // The account's label starts with the person's name (its organisation follows as a hint): exactly that one.
  const escaped = accountName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page.locator('label.fr-label', { hasText: new RegExp(`^${escaped}`) }).click();
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((address) => !/^\/(connexion|oidc|retour)/.test(address.pathname));
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
}

/**
 * Automated accessibility check of the page as it is (axe-core, RGAA / WCAG 2.1 levels A and AA): every violation,
 * with the elements concerned, so that a failure says what to fix. Then a screenshot of the page.
 */
export async function checkPage(
  page: Page,
  name: string,
): Promise<{ id: string; impact?: string | null; nodes: string[] }[]> {
  await page.waitForLoadState('networkidle');
  await page
    .locator('[aria-busy="true"]')
    .first()
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

/** The API called as the platform's admin (to prepare what a journey needs, as the contract's actors would). */
export async function api(suite: RunningSuite, method: string, path: string, body?: unknown): Promise<Response> {
  const response = await fetch(`${suite.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${suite.adminToken}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path} : ${response.status} ${await response.text()}`);
  return response;
}
