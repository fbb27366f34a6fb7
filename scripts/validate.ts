/**
 * `npm run validate [-- --content DIR] [--quiet]`: checks the content directory the way the build does
 * and prints every problem as `file:line:col: severity [rule] message`.
 * Exit 0: clean; 1: problems found; 2: usage error.
 */
import { parseArgs } from 'node:util';
import { countDiagnostics, formatDiagnostic, sortDiagnostics } from '../src/reports/diagnostic.ts';
import { loadContent } from '../src/loaders/load-content.ts';
import { nodeContentFs } from '../src/loaders/node-fs.ts';
import { resolveContentDir } from '../src/loaders/content-dir.ts';

const USAGE = 'usage: npm run validate [-- --content DIR] [--known]';

let args;
try {
  args = parseArgs({ options: { content: { type: 'string' }, known: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: false });
} catch (err) {
  console.error(`validate: ${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (args.values.help) {
  console.log(`${USAGE}\n  --content DIR  check DIR instead of ./content (or $GONGKAI_CONTENT)\n  --known        also list the failures recorded in known-errors.yaml`);
  process.exit(0);
}
const root = resolveContentDir(args.values.content);
const content = loadContent(nodeContentFs, root);
const shown = sortDiagnostics([...content.errors, ...content.findings, ...(args.values.known ? content.known : [])]);
for (const d of shown) console.log(formatDiagnostic(d));
const { errors, warnings } = countDiagnostics([...content.errors, ...content.findings]);
console.log(
  `validate: ${content.reports.length} reports checked in ${root}: ${errors} errors, ${warnings} warnings, ${content.known.length} known source errors published as printed`,
);
process.exit(errors + warnings > 0 ? 1 : 0);
