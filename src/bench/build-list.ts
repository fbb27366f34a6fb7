/**
 * Which builds `npm run bench` makes: a named suite (`--suite`), or the builds listed (`--builds`).
 * The site builds go in one order, each on the output the one before it left: cold, warm (nothing
 * changed), changed-1 (one report edited), changed-1pct (1% of reports edited).
 */

/** The builds a run can make, in this order; every site build but `cold` builds on the site the build before it left. */
export const BUILDS = ['baseline', 'cold', 'warm', 'changed-1', 'changed-1pct'] as const;
export type BuildName = (typeof BUILDS)[number];

/**
 * The named suites: `scale` (the default) measures every build; `rebuilds` the rebuilds only, on a
 * site a kept run left (`--scratch DIR`), e.g. after a code change; `caches` builds the site cold and
 * warm, then for each cache alternates builds with one report edited with the cache and without it
 * (its same-run A/B); `cold` the baseline and a cold build (for a CPU profile).
 */
export const SUITES = {
  scale: ['baseline', 'cold', 'warm', 'changed-1', 'changed-1pct'],
  rebuilds: ['baseline', 'warm', 'changed-1', 'changed-1pct'],
  caches: ['baseline', 'cold', 'warm'],
  cold: ['baseline', 'cold'],
} as const satisfies Record<string, readonly BuildName[]>;
export type SuiteName = keyof typeof SUITES;

/** Reads `--suite`: one of SUITES; throws naming them. */
export function parseSuite(text: string): SuiteName {
  if (!Object.hasOwn(SUITES, text)) throw new Error(`--suite: unknown suite ${text} (choose from ${Object.keys(SUITES).join(', ')}; build-cache and search run scripts of their own)`);
  return text as SuiteName;
}

/**
 * Reads `--builds`: a comma-separated subset of BUILDS in their order. A site build other than `cold`
 * needs a site to build on: an earlier build of the same run, or a kept scratch directory (`resumed`).
 */
export function parseBuildList(text: string, resumed: boolean): BuildName[] {
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((b) => !(BUILDS as readonly string[]).includes(b));
  if (unknown.length) throw new Error(`--builds: unknown build ${unknown.join(', ')} (choose from ${BUILDS.join(', ')})`);
  const list = BUILDS.filter((b) => names.includes(b));
  if (!list.length) throw new Error('--builds: no build named');
  if (names.join() !== list.join()) throw new Error(`--builds: list them once each in the order ${BUILDS.join(', ')}`);
  const firstSite = list.find((b) => b !== 'baseline');
  if (firstSite && firstSite !== 'cold' && !resumed) throw new Error(`--builds: ${firstSite} builds on an earlier site build; add cold, or --scratch DIR of a run kept with --keep`);
  return list;
}
