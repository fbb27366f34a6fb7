/**
 * axe-core on every page type, in the light theme, the dark theme the system asks for, and the dark
 * theme picked with the header button: no serious or critical violation (contrast included). Lesser
 * findings are printed so they can be seen without failing the run.
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PAGE_TYPES } from '../page-types.ts';
import { openPage, startSiteAndBrowser } from './browser.ts';

const site = startSiteAndBrowser();

/** One axe finding, flattened for messages. */
interface Finding {
  readonly rule: string;
  readonly impact: string;
  readonly help: string;
  readonly targets: readonly string[];
}

/** Runs axe-core (WCAG 2.x A/AA and best practices) in the page and returns its violations. */
async function runAxe(page: Page): Promise<Finding[]> {
  await page.addScriptTag({ content: axe.source });
  const results = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`)) as axe.AxeResults;
  return results.violations.map((v) => ({ rule: v.id, impact: v.impact ?? 'unknown', help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

const THEMES = [
  { name: 'light', colorScheme: 'light', stored: null },
  { name: 'dark (system)', colorScheme: 'dark', stored: null },
  { name: 'dark (picked)', colorScheme: 'light', stored: 'dark' },
] as const;

describe.each(PAGE_TYPES)('the $name page', (type) => {
  for (const theme of THEMES) {
    it(`has no serious or critical axe violations in the ${theme.name} theme`, async () => {
      const byQuery = theme.stored !== null && type.pickTheme === 'query';
      const path = byQuery ? `${type.path}${type.path.includes('?') ? '&' : '?'}theme=${theme.stored}` : type.path;
      const { page, context } = await openPage(site.browser, site.originOf(type), path, { colorScheme: theme.colorScheme, ready: type.ready });
      try {
        if (theme.stored && !byQuery) {
          await page.evaluate((value) => localStorage.setItem('gongkai-theme', value), theme.stored);
          await page.reload();
          if (type.ready) await page.waitForSelector(type.ready);
        }
        if (theme.stored) expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme.stored);
        const findings = await runAxe(page);
        const lesser = findings.filter((f) => f.impact !== 'serious' && f.impact !== 'critical');
        if (lesser.length) console.log(`axe ${type.name} (${theme.name}), not failing:`, JSON.stringify(lesser, null, 1));
        expect(findings.filter((f) => f.impact === 'serious' || f.impact === 'critical')).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
