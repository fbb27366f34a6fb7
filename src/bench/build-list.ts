/**
 * Which builds `npm run bench` makes (`--builds`): the bare baseline, then the site cold, warm and
 * after a 1% change, each site build on the output the one before it left.
 */
/** The builds a run makes, in this order; `warm` and `changed-1pct` build on the site the build before them left. */
export const BUILDS = ['baseline', 'cold', 'warm', 'changed-1pct'] as const;
export type BuildName = (typeof BUILDS)[number];

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

