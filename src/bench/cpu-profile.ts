/**
 * Reading a V8 CPU profile (`node --cpu-prof`, the `.cpuprofile` JSON) for the benchmark: where the
 * time went, by function (self time: the samples taken while it was running, not its callees) and
 * by where the code lives (a package under node_modules, a file of the project, Node itself, or V8's
 * garbage collector and idle time). Pure: the caller reads the file.
 */

/** What the benchmark reads of a profile. */
export interface CpuProfile {
  readonly nodes: ReadonlyArray<{ readonly id: number; readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number } }>;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Seconds of self time, by name, largest first. */
export type TimeShare = ReadonlyArray<{ readonly name: string; readonly seconds: number }>;

/** Where a script lives, for a reader: `astro`, `@resvg/resvg-js`, `src/routes/keys.ts`, `node:internal`, or V8's `(garbage collector)`. */
export function describeLocation(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [first, second] = url.slice(modules + '/node_modules/'.length).split('/');
    return first?.startsWith('@') ? `${first}/${second}` : (first ?? url);
  }
  if (url.startsWith('node:')) return 'node:internal';
  // Astro's bundle of the pages (.astro/.prerender/chunks/build-images_Xbapshpj.mjs) names a chunk after its first module.
  const chunk = /\/\.prerender\/(?:chunks\/)?([^/]+?)(?:[_.][\w-]{8})?\.mjs$/.exec(url);
  if (chunk) return `bundle:${chunk[1]}`;
  const src = url.search(/\/(src|scripts)\//);
  return src >= 0 ? url.slice(src + 1).replace(/\?.*$/, '') : url;
}

/** Adds up a profile's self time by a key of each node; the `top` largest, seconds rounded to 0.01. */
function sumBy(profile: CpuProfile, key: (node: CpuProfile['nodes'][number]) => string, top: number): TimeShare {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const name = key(node);
    totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return [...totals]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, top)
    .map(([name, us]) => ({ name, seconds: Math.round(us / 1e4) / 100 }));
}

/** The functions with the most self time: `name location:line`. */
export function topFunctions(profile: CpuProfile, top = 5): TimeShare {
  return sumBy(profile, ({ callFrame: f }) => (f.url ? `${f.functionName || '(anonymous)'} ${describeLocation(f.url, f.functionName)}:${f.lineNumber + 1}` : f.functionName || '(native)'), top);
}

/** Self time by where the code lives (see describeLocation). */
export function timeByLocation(profile: CpuProfile, top = 10): TimeShare {
  return sumBy(profile, ({ callFrame: f }) => describeLocation(f.url, f.functionName), top);
}
