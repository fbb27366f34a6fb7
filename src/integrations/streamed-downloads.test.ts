import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { openDownloadStash } from '../machinery/download-stash.ts';
import { readStreamedMemo, writeStreamedDownloads, type StreamedFile } from './streamed-downloads.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A scratch output directory. */
function makeOut(): string {
  const dir = mkdtempSync(join(tmpdir(), 'streamed-'));
  dirs.push(dir);
  return dir;
}

/** A file of the given pieces, advertised with their real size and hash, counting how often it is generated. */
function makeFile(path: string, pieces: string[]): StreamedFile & { generated: number } {
  const bytes = new TextEncoder().encode(pieces.join(''));
  const file = {
    path,
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    generated: 0,
    pieces: function* () {
      file.generated++;
      yield* pieces;
    },
  };
  return file;
}

describe('writeStreamedDownloads', () => {
  it('writes the pieces at the URL path, byte for byte, and records them', () => {
    const out = makeOut();
    const file = makeFile('/data/cells.csv', ['\uFEFF年度,数值\n', '2020,1\n', '2021,“二”\n']);
    const { memo, written } = writeStreamedDownloads(out, [file], {});
    expect(written).toEqual(['/data/cells.csv']);
    expect(readFileSync(join(out, 'data', 'cells.csv'), 'utf8')).toBe('\uFEFF年度,数值\n2020,1\n2021,“二”\n');
    expect(memo['/data/cells.csv']).toMatchObject({ outDir: out, bytes: file.bytes, sha256: file.sha256 });
    expect(readdirSync(join(out, 'data'))).toEqual(['cells.csv']);
  });

  it('does not generate an unchanged file again, but does when its content, the output file or the output directory changed', () => {
    const out = makeOut();
    const first = makeFile('/data/cells.csv', ['a\n', 'b\n']);
    const { memo } = writeStreamedDownloads(out, [first], {});
    const again = makeFile('/data/cells.csv', ['a\n', 'b\n']);
    expect(writeStreamedDownloads(out, [again], memo).written).toEqual([]);
    expect(again.generated).toBe(0);

    const changed = makeFile('/data/cells.csv', ['a\n', 'c\n']);
    expect(writeStreamedDownloads(out, [changed], memo).written).toEqual(['/data/cells.csv']);
    expect(readFileSync(join(out, 'data', 'cells.csv'), 'utf8')).toBe('a\nc\n');

    // Someone edited the output file: same size, other time.
    const { memo: after } = writeStreamedDownloads(out, [changed], {});
    writeFileSync(join(out, 'data', 'cells.csv'), 'x\ny\n');
    utimesSync(join(out, 'data', 'cells.csv'), new Date(2001, 0, 1), new Date(2001, 0, 1));
    expect(writeStreamedDownloads(out, [changed], after).written).toEqual(['/data/cells.csv']);
    expect(readFileSync(join(out, 'data', 'cells.csv'), 'utf8')).toBe('a\nc\n');

    const other = makeOut();
    expect(writeStreamedDownloads(other, [changed], after).written).toEqual(['/data/cells.csv']);
  });

  it('keeps a file of a project copied elsewhere (the memo names the output from the project root), whose times a copy may round', () => {
    const project = makeOut();
    const file = makeFile('/data/cells.csv', ['a\n', 'b\n']);
    const { memo } = writeStreamedDownloads(join(project, 'dist'), [file], {}, undefined, 'dist');
    expect(memo['/data/cells.csv']?.outDir).toBe('dist');
    const copy = makeOut();
    cpSync(project, copy, { recursive: true });
    utimesSync(join(copy, 'dist', 'data', 'cells.csv'), new Date(2001, 0, 1), new Date(2001, 0, 1));
    const again = makeFile('/data/cells.csv', ['a\n', 'b\n']);
    expect(writeStreamedDownloads(join(copy, 'dist'), [again], memo, undefined, 'dist').written).toEqual([]);
    expect(again.generated).toBe(0);
    // Another output of the same project is not the one the memo describes.
    expect(writeStreamedDownloads(join(copy, 'out'), [again], memo, undefined, 'out').written).toEqual(['/data/cells.csv']);
  });

  it('keeps the old file and leaves nothing behind when the pieces are not what the pages advertise', () => {
    const out = makeOut();
    const { memo } = writeStreamedDownloads(out, [makeFile('/data/cells.csv', ['old\n'])], {});
    const lying = { ...makeFile('/data/cells.csv', ['new\n']), bytes: 99 };
    expect(() => writeStreamedDownloads(out, [lying], memo)).toThrow(/\/data\/cells\.csv: generated 4 bytes .* but the pages list 99 bytes/);
    expect(readFileSync(join(out, 'data', 'cells.csv'), 'utf8')).toBe('old\n');
    expect(readdirSync(join(out, 'data'))).toEqual(['cells.csv']);
  });

  it('keeps the old file and leaves nothing behind when generating fails half way', () => {
    const out = makeOut();
    const { memo } = writeStreamedDownloads(out, [makeFile('/data/cells.csv', ['old\n'])], {});
    const failing: StreamedFile = {
      path: '/data/cells.csv',
      bytes: 1,
      sha256: 'x',
      pieces: function* () {
        yield 'half\n';
        throw new Error('report 230000-2020: unknown form');
      },
    };
    expect(() => writeStreamedDownloads(out, [failing], memo)).toThrow(/unknown form/);
    expect(readFileSync(join(out, 'data', 'cells.csv'), 'utf8')).toBe('old\n');
    expect(readdirSync(join(out, 'data'))).toEqual(['cells.csv']);
  });

  it('refuses a path that leaves the output directory', () => {
    expect(() => writeStreamedDownloads(makeOut(), [makeFile('/../escape.csv', ['x'])], {})).toThrow(/not a path inside the output/);
  });
});

describe('readStreamedMemo', () => {
  it('reads what was written and counts a missing or malformed memo as empty', () => {
    const out = makeOut();
    expect(readStreamedMemo(join(out, 'none.json'))).toEqual({});
    writeFileSync(join(out, 'bad.json'), '{not json');
    expect(readStreamedMemo(join(out, 'bad.json'))).toEqual({});
    writeFileSync(join(out, 'list.json'), '[1]');
    expect(readStreamedMemo(join(out, 'list.json'))).toEqual({});
    writeFileSync(join(out, 'good.json'), JSON.stringify({ '/data/cells.csv': { outDir: out, bytes: 1, sha256: 'a', mtimeMs: 2 } }));
    expect(readStreamedMemo(join(out, 'good.json'))['/data/cells.csv']?.bytes).toBe(1);
  });
});

describe('writeStreamedDownloads, files no longer listed', () => {
  it('deletes a file it wrote into the same output that is no longer listed, and nothing elsewhere', () => {
    const out = makeOut();
    const { memo } = writeStreamedDownloads(out, [makeFile('/data/cells.csv', ['a\n']), makeFile('/data/2019/cells.csv', ['b\n'])], {});
    const other = makeOut();
    const { memo: otherMemo } = writeStreamedDownloads(other, [makeFile('/data/2019/cells.csv', ['b\n'])], {});
    const result = writeStreamedDownloads(out, [makeFile('/data/cells.csv', ['a\n'])], { ...otherMemo, ...memo });
    expect(result.removed).toEqual(['/data/2019/cells.csv']);
    expect(readdirSync(join(out, 'data'))).toEqual(['cells.csv']);
    expect(Object.keys(result.memo)).toEqual(['/data/cells.csv']);
    // The record was of this output: the other output's file stays.
    expect(readFileSync(join(other, 'data', '2019', 'cells.csv'), 'utf8')).toBe('b\n');
  });
});

describe('writeStreamedDownloads, from the stash', () => {
  /** Stashes a file's text as the build does while measuring it. */
  function stashFile(dir: string, file: StreamedFile, text: string): void {
    const sink = openDownloadStash(dir).open(file.path);
    sink.write(new TextEncoder().encode(text));
    sink.keep(file);
  }

  it('moves a stashed file into place instead of generating it, and generates the files the stash lacks', () => {
    const out = makeOut();
    const stash = join(makeOut(), 'stash');
    const site = makeFile('/data/cells.csv', ['\uFEFF年度\n', '2020\n', '2021\n']);
    const year = makeFile('/data/2021/cells.csv', ['\uFEFF年度\n', '2021\n']);
    stashFile(stash, site, '\uFEFF年度\n2020\n2021\n');
    const { written, fromStash } = writeStreamedDownloads(out, [site, year], {}, stash);
    expect(written).toEqual(['/data/cells.csv', '/data/2021/cells.csv']);
    expect(fromStash).toEqual(['/data/cells.csv']);
    expect(site.generated).toBe(0);
    expect(year.generated).toBe(1);
    expect(readFileSync(join(out, 'data', 'cells.csv'), 'utf8')).toBe('\uFEFF年度\n2020\n2021\n');
    expect(readFileSync(join(out, 'data', '2021', 'cells.csv'), 'utf8')).toBe('\uFEFF年度\n2021\n');
    expect(readdirSync(stash)).toEqual([]);
  });

  it('ignores a stashed file of another size and generates the file', () => {
    const out = makeOut();
    const stash = join(makeOut(), 'stash');
    const site = makeFile('/data/cells.csv', ['a\n', 'b\n']);
    stashFile(stash, site, 'a\n');
    const { fromStash } = writeStreamedDownloads(out, [site], {}, stash);
    expect(fromStash).toEqual([]);
    expect(site.generated).toBe(1);
    expect(readFileSync(join(out, 'data', 'cells.csv'), 'utf8')).toBe('a\nb\n');
  });

  it('copies a stashed file that two files need (a corpus of one year) and moves it for the last', () => {
    const out = makeOut();
    const stash = join(makeOut(), 'stash');
    const site = makeFile('/data/cells.csv', ['h\n', '2021\n']);
    const year = makeFile('/data/2021/cells.csv', ['h\n', '2021\n']);
    stashFile(stash, site, 'h\n2021\n');
    const { fromStash } = writeStreamedDownloads(out, [site, year], {}, stash);
    expect(fromStash).toEqual(['/data/cells.csv', '/data/2021/cells.csv']);
    expect(site.generated + year.generated).toBe(0);
    expect(readFileSync(join(out, 'data', 'cells.csv'), 'utf8')).toBe('h\n2021\n');
    expect(readFileSync(join(out, 'data', '2021', 'cells.csv'), 'utf8')).toBe('h\n2021\n');
    expect(readdirSync(stash)).toEqual([]);
  });

  it('leaves the stash alone for a file the output still holds', () => {
    const out = makeOut();
    const stash = join(makeOut(), 'stash');
    const { memo } = writeStreamedDownloads(out, [makeFile('/data/cells.csv', ['a\n'])], {}, stash);
    const again = makeFile('/data/cells.csv', ['a\n']);
    stashFile(stash, again, 'a\n');
    expect(writeStreamedDownloads(out, [again], memo, stash).written).toEqual([]);
    expect(existsSync(join(stash, `${again.sha256}.csv`))).toBe(true);
  });
});
