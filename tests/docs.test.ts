/**
 * The README and docs name only what exists: every file or folder of the project they name, every
 * `npm run` script, every relative link (and `#section` of the same page), every `GONGKAI_*` variable.
 * A renamed file, a deleted script or a moved doc fails here with the doc and line that still names it.
 * Reads the checkout only (no build): part of `npm run test:unit`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Folders a doc may name that hold code, content or docs; a path of the project starts with one of them. */
const PROJECT_DIRS = ['src', 'scripts', 'tests', 'content', 'docs', 'public', '.ci'];
/** Generated, installed or scratch: never what a doc means by a path. */
const NOT_PROJECT = new Set(['node_modules', 'dist', '.git', '.cache', '.astro']);

/** Every file of the project, as a path from its root with `/` separators. */
function listProjectFiles(dir = ROOT): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (NOT_PROJECT.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listProjectFiles(path));
    else out.push(relative(ROOT, path).split('\\').join('/'));
  }
  return out;
}

/** The docs a newcomer reads: README.md, docs/*.md, content/README.md. */
function listDocs(): string[] {
  const docs = readdirSync(join(ROOT, 'docs')).filter((n) => n.endsWith('.md')).map((n) => `docs/${n}`);
  return ['README.md', 'content/README.md', ...docs];
}

interface Mention {
  doc: string;
  line: number;
  text: string;
}

/** Each match of `pattern`'s first group in every doc, with where it stands. */
function findMentions(docs: readonly string[], pattern: RegExp): Mention[] {
  const out: Mention[] = [];
  for (const doc of docs) {
    const lines = readFileSync(join(ROOT, doc), 'utf8').split('\n');
    lines.forEach((line, i) => {
      for (const m of line.matchAll(pattern)) out.push({ doc, line: i + 1, text: m[1]! });
    });
  }
  return out;
}

/**
 * A doc's path as a pattern over the project's files: `<id>`-style placeholders and `*` stand for
 * any part of one name, a path ending in `/` (or naming a folder) matches the files under it.
 */
export function pathPattern(path: string): RegExp {
  const body = path
    .replace(/\/$/, '')
    .split(/(<[^>/]+>|\*)/)
    .map((part) => (part === '*' || /^<[^>]+>$/.test(part) ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}(/.*)?$`);
}

/**
 * Paths of the project in prose, in backticks or in a code block: `src/x/y.ts`, `content/reports/<id>/`,
 * `src/pages/reports/[id]/` (an Astro route's folder: brackets only as a whole pair within one name).
 */
const PATH_MENTION = new RegExp(`(?:^|[\\s\`(\\[>"'])((?:${PROJECT_DIRS.map((d) => d.replace('.', '\\.')).join('|')})/(?:[^\\s\`()[\\]"',;:]|\\[[^\\]\\s/]*\\])*)`, 'g');

/** Trailing sentence punctuation, or a link's `#section`, is not part of a path. */
function trimPath(text: string): string {
  return text.replace(/#.*$/, '').replace(/[.…]+$/, '');
}

describe('the docs name only what exists', () => {
  const docs = listDocs();
  const files = listProjectFiles();

  it('every file or folder of the project a doc names exists', () => {
    const mentions = findMentions(docs, PATH_MENTION).map((m) => ({ ...m, text: trimPath(m.text) }));
    expect(mentions.length).toBeGreaterThan(50);
    const missing = mentions.filter((m) => !files.some((f) => pathPattern(m.text).test(f)));
    expect(missing.map((m) => `${m.doc}:${m.line}: ${m.text}`)).toEqual([]);
  });

  it('every npm script a doc runs is in package.json', () => {
    const scripts = Object.keys(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as object);
    const mentions = findMentions(docs, /npm run ([\w:-]*[\w-])/g);
    expect(mentions.length).toBeGreaterThan(10);
    const missing = mentions.filter((m) => !scripts.includes(m.text));
    expect(missing.map((m) => `${m.doc}:${m.line}: npm run ${m.text}`)).toEqual([]);
  });

  it('every relative link leads to a file, and every #section to a heading', () => {
    const links = [...findMentions(docs, /\]\(([^)\s]+)\)/g), ...findMentions(docs, /<img src="([^"]+)"/g)].filter((m) => !/^[a-z]+:/.test(m.text));
    expect(links.length).toBeGreaterThan(10);
    const broken: string[] = [];
    for (const link of links) {
      const [target, anchor] = link.text.split('#') as [string, string | undefined];
      const file = target === '' ? link.doc : normalize(join(dirname(link.doc), target)).split('\\').join('/');
      if (!files.some((f) => pathPattern(file).test(f))) {
        broken.push(`${link.doc}:${link.line}: ${link.text} (no ${file})`);
        continue;
      }
      if (anchor !== undefined && file.endsWith('.md')) {
        const slugs = readFileSync(join(ROOT, file), 'utf8')
          .split('\n')
          .filter((l) => /^#+ /.test(l))
          .map((l) => githubSlug(l.replace(/^#+ /, '')));
        if (!slugs.includes(anchor)) broken.push(`${link.doc}:${link.line}: ${link.text} (no heading #${anchor} in ${file})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('README links every page of docs/', () => {
    const linked = new Set(findMentions(['README.md'], /\]\((docs\/[^)#\s]+)/g).map((m) => m.text));
    const unlinked = docs.filter((d) => d.startsWith('docs/') && !linked.has(d));
    expect(unlinked).toEqual([]);
  });

  it('every GONGKAI_ variable a doc names is read by the code', () => {
    const code = files
      .filter((f) => /\.(ts|mjs|js|astro)$/.test(f) && !f.endsWith('.test.ts') && !f.startsWith('public/'))
      .concat('package.json')
      .map((f) => readFileSync(join(ROOT, f), 'utf8'))
      .join('\n');
    const mentions = findMentions(docs, /\b(GONGKAI_[A-Z0-9_]+)/g);
    expect(mentions.length).toBeGreaterThan(5);
    const unread = mentions.filter((m) => !code.includes(m.text));
    expect(unread.map((m) => `${m.doc}:${m.line}: ${m.text}`)).toEqual([]);
  });
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
export function githubSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

describe('how the docs test reads a doc', () => {
  it('matches placeholders and folders, and only them', () => {
    expect(pathPattern('content/reports/<id>/').test('content/reports/230881-2020/index.md')).toBe(true);
    expect(pathPattern('content/reports/<code>-<year>/').test('content/reports/230881-2020/index.md')).toBe(true);
    expect(pathPattern('src/integrations/pagefind*.ts').test('src/integrations/pagefind-parts.ts')).toBe(true);
    expect(pathPattern('src/integrations/pagefind*.ts').test('src/integrations/pagefind/x.ts')).toBe(false);
    expect(pathPattern('scripts/synth.ts').test('scripts/synth.tsx')).toBe(false);
    expect(pathPattern('scripts/synth.ts').test('scripts/synthxts')).toBe(false);
    expect(pathPattern('src/form').test('src/form/f2021.ts')).toBe(true);
    expect(pathPattern('src/form').test('src/formula.ts')).toBe(false);
    expect(pathPattern('src/pages/reports/[id]/').test('src/pages/reports/[id]/index.astro')).toBe(true);
    expect(pathPattern('src/pages/reports/[id]/').test('src/pages/reports/i/index.astro')).toBe(false);
  });

  it('finds paths in prose, backticks, links and code blocks, without what follows them', () => {
    const found = (line: string) => [...line.matchAll(PATH_MENTION)].map((m) => trimPath(m[1]!));
    expect(found('see `src/pages/reports/[id]/index.astro`, then (src/x.ts).')).toEqual(['src/pages/reports/[id]/index.astro', 'src/x.ts']);
    expect(found('[docs/testing.md](docs/testing.md): the tests')).toEqual(['docs/testing.md', 'docs/testing.md']);
    expect(found('  src/synth/         synthetic corpora; not/src/a.ts nor https://x/src/b.ts')).toEqual(['src/synth/']);
  });

  it('makes the anchors GitHub makes', () => {
    expect(githubSlug("Adding a year's reports")).toBe('adding-a-years-reports');
    expect(githubSlug('`npm run bench`')).toBe('npm-run-bench');
    expect(githubSlug('Each cache\'s gain: `--suite caches`')).toBe('each-caches-gain---suite-caches');
  });
});
