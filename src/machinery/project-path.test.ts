import { describe, expect, it } from 'vitest';
import { nameInProject } from './project-path.ts';

describe('nameInProject', () => {
  it('names a directory by its path from the project root, whatever the root', () => {
    expect(nameInProject('/work/a/site', '/work/a/site/dist')).toBe('dist');
    expect(nameInProject('/tmp/b/site/', '/tmp/b/site/dist/')).toBe('dist');
    expect(nameInProject('/work/a/site', '/work/a/site/out/dist')).toBe('out/dist');
  });

  it('names the root itself `.` and a directory outside it by the way up', () => {
    expect(nameInProject('/work/a/site', '/work/a/site')).toBe('.');
    expect(nameInProject('/work/a/site', '/work/a/dist-site')).toBe('../dist-site');
  });
});
