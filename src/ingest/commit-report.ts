/**
 * Writes a report folder atomically: every file goes into a scratch folder beside the content, which
 * is renamed into place only when all of them are written. A failure at any point leaves the
 * content as it was (no partial report, the previous version kept). File access is passed in.
 */

/** The file operations the commit needs (node:fs in the CLI, a fake in tests). */
export interface CommitFs {
  exists(path: string): boolean;
  mkdir(path: string): void;
  writeFile(path: string, data: string | Uint8Array): void;
  rename(from: string, to: string): void;
  /** Removes a file or folder recursively; no error when it does not exist. */
  remove(path: string): void;
}

/** Where to write: the final folder and a scratch folder on the same file system, outside the reports. */
export interface CommitPlan {
  readonly target: string;
  readonly scratch: string;
  readonly force: boolean;
}

/** The outcome of a commit. */
export type CommitResult =
  | { readonly ok: true; readonly replaced: boolean }
  | { readonly ok: false; readonly reason: 'exists' | 'failed'; readonly message: string };

/** Writes `files` (name → content) as the folder `plan.target`, atomically. */
export function commitReportFiles(fs: CommitFs, plan: CommitPlan, files: Readonly<Record<string, string | Uint8Array>>): CommitResult {
  const existed = fs.exists(plan.target);
  if (existed && !plan.force) {
    return { ok: false, reason: 'exists', message: `${plan.target} already exists: not overwritten` };
  }
  const previous = `${plan.scratch}.previous`;
  try {
    fs.remove(plan.scratch);
    fs.remove(previous);
    fs.mkdir(plan.target.slice(0, Math.max(plan.target.lastIndexOf('/'), 0)) || '.');
    fs.mkdir(plan.scratch);
    for (const name of Object.keys(files).sort()) fs.writeFile(`${plan.scratch}/${name}`, files[name]!);
  } catch (err) {
    fs.remove(plan.scratch);
    return { ok: false, reason: 'failed', message: `writing ${plan.target} failed, nothing was changed: ${(err as Error).message}` };
  }
  try {
    if (existed) fs.rename(plan.target, previous);
    try {
      fs.rename(plan.scratch, plan.target);
    } catch (err) {
      if (existed) fs.rename(previous, plan.target);
      throw err;
    }
  } catch (err) {
    fs.remove(plan.scratch);
    return { ok: false, reason: 'failed', message: `replacing ${plan.target} failed, nothing was changed: ${(err as Error).message}` };
  }
  fs.remove(previous);
  return { ok: true, replaced: existed };
}
