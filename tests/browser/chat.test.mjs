// The chat page and the widget in a real headless Chromium, as a person uses them.
// Started by run.sh, which sets WEB_URL (our server), HOST_URL (the fake Rasa,
// which also serves a host page embedding the widget) and SCREENSHOT_DIR.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';

const { WEB_URL, HOST_URL, SCREENSHOT_DIR } = process.env;
assert.ok(WEB_URL && HOST_URL && SCREENSHOT_DIR, 'start the tests with tests/browser/run.sh');

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const DESKTOP = { width: 1280, height: 800 };
const MOBILE = { width: 320, height: 640 };
// 1280 x 800 at 200 % zoom shows the same CSS pixels as this viewport.
const ZOOM_200 = { width: 640, height: 400 };

let browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
});

/** A fresh browser context; fails the test if the page breaks our CSP or throws. */
async function openPage(t, url, viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, locale: 'nb-NO' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  t.after(async () => {
    await context.close();
  });
  await page.goto(url);
  return { context, page, problems };
}

async function received() {
  return (await fetch(`${HOST_URL}/__received`)).json();
}

function chatInput(scope) {
  return scope.getByLabel('Skriv meldingen din');
}

function botMessages(scope) {
  return scope.locator('.chat-message--bot');
}

async function ask(scope, text) {
  await chatInput(scope).fill(text);
  await chatInput(scope).press('Enter');
}

async function runAxe(page) {
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function focusedElementSummary(page) {
  return page.evaluate(() => {
    let focused = document.activeElement;
    while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
    const style = getComputedStyle(focused);
    return {
      text: (focused.textContent || '').trim(),
      label: focused.getAttribute('aria-label') || focused.labels?.[0]?.textContent || '',
      tag: focused.tagName,
      outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    };
  });
}

/** Presses key until the focused element matches, checking each stop has a visible focus. */
async function tabUntil(page, key, matches, maxPresses = 15) {
  for (let press = 0; press < maxPresses; press += 1) {
    await page.keyboard.press(key);
    const focused = await focusedElementSummary(page);
    assert.ok(focused.outline, `no visible focus on ${focused.tag} «${focused.text || focused.label}»`);
    if (matches(focused)) return focused;
  }
  throw new Error(`could not reach the element with ${key}`);
}

async function assertNoHorizontalScroll(page, label) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth, `${label}: page is ${scrollWidth}px wide in a ${innerWidth}px window`);
}

test('a person types a question and gets the answer', async (t) => {
  const { page, problems } = await openPage(t, WEB_URL);

  await assert.doesNotReject(page.getByText('Akutt fare? Ring').waitFor());
  assert.equal(await page.getByRole('link', { name: '112' }).first().getAttribute('href'), 'tel:112');
  await page.getByText('lokale kontaktopplysninger for Eksempel kommune er bare eksempler').waitFor();

  await ask(page, 'Jeg er bekymret for en elev');
  await page.getByText('Assistenten skriver').waitFor({ state: 'visible' });
  await page.getByText('Hva gjelder bekymringen din?').waitFor();
  await page.getByText('Assistenten skriver').waitFor({ state: 'hidden' });

  assert.equal(await page.locator('.chat-message--user').last().textContent(), 'Du skrev: Jeg er bekymret for en elev');
  assert.equal(await page.getByRole('button', { name: 'Vold eller overgrep' }).count(), 1);
  const last = (await received()).at(-1);
  assert.equal(last.message, 'Jeg er bekymret for en elev');
  assert.match(last.sender, /^[0-9a-f-]{36}$/);
  assert.deepEqual(problems, []);
});

test('a guide button sends its payload and the conversation moves on', async (t) => {
  const { context, page, problems } = await openPage(t, WEB_URL);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: WEB_URL });
  await ask(page, 'hei');

  await page.getByRole('button', { name: 'Vold eller overgrep' }).click();

  await page.getByText(/^Oppsummering/).waitFor();
  assert.equal((await received()).at(-1).message, '/tema_vold');
  assert.equal(await page.locator('.chat-message--user').last().textContent(), 'Du skrev: Vold eller overgrep');
  assert.ok(await page.getByRole('button', { name: 'Omsorgssvikt' }).isDisabled());

  const phone = page.getByRole('link', { name: '22 33 44 55' }).first();
  assert.equal(await phone.getAttribute('href'), 'tel:22334455');
  const web = page.getByRole('link', { name: /https:\/\/www\.bufdir\.no\/vold\// });
  assert.equal(await web.getAttribute('href'), 'https://www.bufdir.no/vold/');
  assert.equal(await web.getAttribute('rel'), 'noopener noreferrer');

  await page.getByRole('button', { name: 'Kopier oppsummeringen' }).click();
  await page.getByText('Oppsummeringen er kopiert.').waitFor({ state: 'attached' });
  assert.match(await page.evaluate(() => navigator.clipboard.readText()), /^Oppsummering\n- Snakk med lederen/);

  const [printWindow] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('button', { name: 'Skriv ut oppsummeringen' }).click(),
  ]);
  assert.match(await printWindow.locator('body').textContent(), /Barnevernvakten: 22 33 44 55/);
  await printWindow.close();

  const [feedback] = await Promise.all([
    page.waitForRequest(`${WEB_URL}/api/feedback`),
    page.getByRole('group', { name: 'Var dette nyttig?' }).getByRole('button', { name: 'Ja' }).click(),
  ]);
  assert.deepEqual(feedback.postDataJSON(), { topic: 'tema_vold', useful: true });
  await page.getByText('Takk for tilbakemeldingen!').waitFor();
  assert.deepEqual(problems, []);
});

test('a full conversation by keyboard only, with visible focus', async (t) => {
  const { page, problems } = await openPage(t, WEB_URL);

  await tabUntil(page, 'Tab', (f) => f.tag === 'TEXTAREA');
  await page.keyboard.type('Jeg er bekymret for et barn');
  await page.keyboard.press('Enter');
  await page.getByText('Hva gjelder bekymringen din?').waitFor();

  await tabUntil(page, 'Shift+Tab', (f) => f.text === 'Omsorgssvikt');
  await page.keyboard.press('Enter');
  await page.getByText('987 65 432').waitFor();
  assert.equal((await received()).at(-1).message, '/tema_omsorgssvikt');
  assert.equal((await focusedElementSummary(page)).tag, 'TEXTAREA', 'focus goes back to the input');

  await tabUntil(page, 'Shift+Tab', (f) => f.text === 'Nei');
  await page.keyboard.press('Enter');
  await page.getByText('Takk for tilbakemeldingen!').waitFor();

  const senderBefore = (await received()).at(-1).sender;
  await tabUntil(page, 'Shift+Tab', (f) => f.text === 'Start på nytt', 30);
  await page.keyboard.press('Enter');
  await page.getByText('Vi begynner på nytt.').waitFor();
  const restart = (await received()).at(-1);
  assert.equal(restart.message, 'start på nytt');
  assert.notEqual(restart.sender, senderBefore, 'Start på nytt gives a new session id');
  assert.equal(await page.getByText('Omsorgssvikt', { exact: true }).count(), 1, 'the old conversation is cleared');
  assert.deepEqual(problems, []);
});

test('script in a user or bot message is shown as text, never run', async (t) => {
  const { page, problems } = await openPage(t, WEB_URL);
  const hostile = '<script>window.__userXss = true</script><img src=x onerror="window.__userXss = true"> Vises markup som tekst?';

  await ask(page, hostile);
  await page.getByText('Ring Alarmtelefonen').waitFor();
  // The server strips markup before anything reaches Rasa.
  assert.equal((await received()).at(-1).message, 'Vises markup som tekst?');

  assert.equal(await page.locator('.chat-message--user .chat-text').last().textContent(), hostile);
  assert.match(await botMessages(page).last().textContent(), /^Assistenten: <script>window.__botXss = true<\/script><img src=x/);
  assert.equal(await page.locator('.chat-log script, .chat-log img').count(), 0);
  assert.deepEqual(await page.evaluate(() => [window.__userXss, window.__botXss]), [undefined, undefined]);

  const hrefs = await botMessages(page).last().locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  assert.deepEqual(hrefs, ['tel:116111', 'tel:+4722400040', 'tel:02800', 'https://www.bufdir.no/']);
  assert.deepEqual(problems, []);
});

test('axe finds no violations on the chat page during a conversation', async (t) => {
  const { page } = await openPage(t, WEB_URL);
  await ask(page, 'hei');
  await page.getByRole('button', { name: 'Vold eller overgrep' }).click();
  await page.getByText('Var dette nyttig?').waitFor();

  assert.deepEqual(await runAxe(page), []);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'chat-desktop.png') });

  await page.setViewportSize(MOBILE);
  await assertNoHorizontalScroll(page, '320 px');
  assert.deepEqual(await runAxe(page), []);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'chat-mobile-320.png') });

  await page.setViewportSize(ZOOM_200);
  await assertNoHorizontalScroll(page, '200 % zoom');
  assert.ok(await chatInput(page).isVisible());
});

test('the widget on another site: opens, chats across origins, passes axe, closes with Escape', async (t) => {
  const { page, problems } = await openPage(t, `${HOST_URL}/host.html`);
  const launcher = page.getByRole('button', { name: 'Bekymret for et barn? Chat med oss' });

  await launcher.focus();
  await page.keyboard.press('Enter');
  assert.equal(await launcher.getAttribute('aria-expanded'), 'true');
  assert.equal((await focusedElementSummary(page)).tag, 'TEXTAREA', 'opening moves focus to the input');
  await page.getByText('lokale kontaktopplysninger for Eksempel kommune er bare eksempler').waitFor();

  await page.keyboard.type('hei');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Vold eller overgrep' }).click();
  await page.getByText(/^Oppsummering/).waitFor();

  assert.deepEqual(await runAxe(page), []);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'widget-desktop.png') });
  await page.setViewportSize(MOBILE);
  await assertNoHorizontalScroll(page, 'widget at 320 px');
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'widget-mobile-320.png') });

  await chatInput(page).focus();
  await page.keyboard.press('Escape');
  assert.equal(await launcher.getAttribute('aria-expanded'), 'false');
  assert.ok(await chatInput(page).isHidden());
  assert.equal((await focusedElementSummary(page)).text, 'Bekymret for et barn? Chat med oss');
  assert.deepEqual(problems, []);
});

test('a host page whose origin is not allowed gets no chat', async (t) => {
  // The same host page, reached under another name, is another origin.
  const foreignHost = HOST_URL.replace('127.0.0.1', 'localhost');
  const { page, problems } = await openPage(t, `${foreignHost}/host.html`);
  await page.waitForTimeout(500);
  assert.equal(await page.getByRole('button', { name: /Chat med oss/ }).count(), 0);
  assert.ok(problems.some((p) => /CORS|Chat-widgeten kunne ikke lastes/.test(p)), problems.join('\n'));
});
