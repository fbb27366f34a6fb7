/**
 * `node tests/ensure-requirements.ts`, the first step of `npm test`: makes sure the machine has what
 * the tests need (tests/requirements.ts). As root with apt-get it installs what is missing (Debian's
 * chromium, fonts-noto-cjk, python3); otherwise it prints the command to run and exits 1 before any
 * test. Exit 0: everything is there.
 */
import { spawnSync } from 'node:child_process';
import { describeMachine, listMissing, planRequirements } from './requirements.ts';

const machine = describeMachine();
let plan = planRequirements(listMissing(), machine);
if (plan.action === 'install') {
  console.error(`npm test: installing ${plan.packages.join(' ')} with apt-get (the tests need them; a few minutes)`);
  const started = Date.now();
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', ...plan.packages]]) {
    const run = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (run.status !== 0) console.error(`npm test: apt-get ${args[0]} failed (exit ${run.status ?? run.signal})`);
  }
  plan = planRequirements(listMissing(), machine, true);
  if (plan.action === 'ready') console.error(`npm test: installed in ${Math.round((Date.now() - started) / 1000)} s`);
}
if (plan.action === 'stop') {
  console.error(`npm test: stopped before any test.\n${plan.message}`);
  process.exit(1);
}
