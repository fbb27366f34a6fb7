import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashSourceGraph, listRelativeImports } from './code-hash.ts';

const root = mkdtempSync(join(tmpdir(), 'gongkai-code-hash-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const write = (name: string, text: string): void => writeFileSync(join(root, name), text);

describe('hashSourceGraph', () => {
  it('changes with a module imported (directly or not) and with the lockfile, not with a module outside the graph', () => {
    write('a.ts', "import { b } from './b.ts';\nexport type { C } from './c.ts';\nimport x from 'echarts';\nexport const a = b;\n");
    write('b.ts', "export { d as b } from './sub/../d.ts';\n");
    write('c.ts', 'export type C = 1;\n');
    write('d.ts', 'export const d = 1;\n');
    write('e.ts', 'export const e = 1;\n');
    const entry = [join(root, 'a.ts')];
    const first = hashSourceGraph(entry, root);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    write('e.ts', 'export const e = 2;\n');
    expect(hashSourceGraph(entry, root)).toBe(first);
    write('d.ts', 'export const d = 2;\n');
    const second = hashSourceGraph(entry, root);
    expect(second).not.toBe(first);
    write('c.ts', 'export type C = 2;\n');
    const third = hashSourceGraph(entry, root);
    expect(third).not.toBe(second);
    write('package-lock.json', '{"lockfileVersion":3}');
    expect(hashSourceGraph(entry, root)).not.toBe(third);
  });

  it('reads the relative modules a source imports or re-exports, not packages', () => {
    expect(listRelativeImports("import { a } from './a.ts';\nimport type { B } from '../b/b.ts';\nexport * from './c.ts';\nimport 'x';\nimport y from 'pkg';")).toEqual(['./a.ts', '../b/b.ts', './c.ts']);
    expect(listRelativeImports("import {\n  a,\n  b,\n} from './ab.ts';\n/** Reads `from './x.ts'` clauses. */\n// import z from './z.ts';\nconst s = \"from './y.ts'\";")).toEqual(['./ab.ts']);
  });
});
