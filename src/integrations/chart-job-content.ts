/**
 * The part of the content a share of the chart pre-render plan needs, so a worker thread loads a
 * few reports at a time instead of the whole content again (about 1 GB at 20,000 reports). Pure:
 * works on report folder names, which are report ids (`<code>[-<agency>]-<year>`).
 *
 * Assumes an owner's charts read only: a report's, that report; a jurisdiction's, its government's
 * series; a department's, its series; a year's, the governments' reports of that year; a kind of
 * department's in a year, its reports of that year (see listSiteChartEntries). Each report also takes the
 * same series' report of the year before, which its cross-year checks read. A chart whose option
 * still differs is skipped by renderChartJobs and rendered by its page, so a wrong guess here costs
 * time, never a wrong chart.
 */
import { REPORT_ID, seriesOf } from '../reports/report-id.ts';
import type { ChartOwner } from '../views/site-charts.ts';
import type { ChartJob } from './chart-plan.ts';

/** Report folders by series and by year, for looking up what an owner reads. */
export interface ReportDirIndex {
  readonly bySeries: ReadonlyMap<string, readonly string[]>;
  readonly byYear: ReadonlyMap<number, readonly string[]>;
}

/** Indexes report folder names by series and year; names that are not report ids are left out. */
export function indexReportDirs(dirs: readonly string[]): ReportDirIndex {
  const bySeries = new Map<string, string[]>();
  const byYear = new Map<number, string[]>();
  for (const dir of dirs) {
    const m = REPORT_ID.exec(dir);
    if (!m) continue;
    const year = Number(m[3]);
    const series = seriesOf(dir);
    if (!bySeries.has(series)) bySeries.set(series, []);
    if (!byYear.has(year)) byYear.set(year, []);
    bySeries.get(series)!.push(dir);
    byYear.get(year)!.push(dir);
  }
  return { bySeries, byYear };
}

/** The report folders of one kind of department in one year (`<year>:<agency slug>`). */
function listKindDirs(name: string, index: ReportDirIndex): string[] {
  const [year = '', slug = ''] = name.split(':');
  return (index.byYear.get(Number(year)) ?? []).filter((dir) => REPORT_ID.exec(dir)?.[2] === slug);
}

/**
 * The governments' own report folders of one year: a year's rankings compare governments only
 * (src/charts/ranking.ts leaves department reports out), and the year's department reports are
 * about 19 in 20 of its reports (at 20,000 reports, 5,714 folders with the year before against
 * 270), which a chart worker would otherwise load in one batch.
 */
function listGovernmentDirs(year: number, index: ReportDirIndex): string[] {
  return (index.byYear.get(year) ?? []).filter((dir) => REPORT_ID.exec(dir)?.[2] === undefined);
}

/** The report folders an owner's charts read, with each one's report of the year before. */
export function listOwnerDirs(owner: ChartOwner, index: ReportDirIndex): string[] {
  const [kind, name] = [owner.slice(0, owner.indexOf(':')), owner.slice(owner.indexOf(':') + 1)];
  const own = kind === 'report' ? [name] : kind === 'jurisdiction' || kind === 'publisher' ? [...(index.bySeries.get(name) ?? [])] : kind === 'departments' ? listKindDirs(name, index) : listGovernmentDirs(Number(name), index);
  const out = new Set(own);
  for (const dir of own) {
    const m = REPORT_ID.exec(dir);
    if (m) out.add(`${seriesOf(dir)}-${Number(m[3]) - 1}`);
  }
  return [...out];
}

/** A batch of a share: its jobs (in plan order) and the report folders they read. */
export interface ChartJobBatch {
  readonly jobs: readonly ChartJob[];
  readonly dirs: ReadonlySet<string>;
}

/**
 * Splits a share of the plan into batches, whole owners each, of about `maxDirs` report folders
 * (an owner that alone reads more makes a batch of its own), keeping the jobs in plan order.
 */
export function batchChartJobs(jobs: readonly ChartJob[], index: ReportDirIndex, maxDirs: number): ChartJobBatch[] {
  const batches: { jobs: ChartJob[]; dirs: Set<string> }[] = [];
  let current: { jobs: ChartJob[]; dirs: Set<string> } | undefined;
  let owner: ChartOwner | undefined;
  for (const job of jobs) {
    if (job.owner !== owner) {
      owner = job.owner;
      const dirs = listOwnerDirs(owner, index);
      if (!current || (current.dirs.size && current.dirs.size + dirs.length > maxDirs)) {
        current = { jobs: [], dirs: new Set() };
        batches.push(current);
      }
      for (const dir of dirs) current.dirs.add(dir);
    }
    current!.jobs.push(job);
  }
  return batches;
}

/** Cuts jobs (each owner's together) into runs of whole owners of at least `size` jobs (the last may have fewer). */
export function chunkByOwner(jobs: readonly ChartJob[], size: number): ChartJob[][] {
  const chunks: ChartJob[][] = [];
  let chunk: ChartJob[] = [];
  for (const [i, job] of jobs.entries()) {
    chunk.push(job);
    if (chunk.length >= size && jobs[i + 1]?.owner !== job.owner) {
      chunks.push(chunk);
      chunk = [];
    }
  }
  if (chunk.length) chunks.push(chunk);
  return chunks;
}
