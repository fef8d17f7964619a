/** A plan as a person reads it, or as JSON for CI; and the exit code (terraform plan -detailed-exitcode). */
import type { ObjectPlan, PlanAction } from './planner';

const Verb: { [a in PlanAction]: string } = {
  create: 'would create',
  update: 'would update',
  'up-to-date': 'up to date',
  stall: 'would stall',
  wait: 'would wait',
};

function shown(value: unknown): string {
  return value === undefined ? '(unset)' : typeof value === 'string' ? value : JSON.stringify(value);
}

export function renderPlanText(plans: readonly ObjectPlan[]): string {
  const lines = plans.flatMap((p) => {
    const head = `${p.kind} ${p.namespace}/${p.name}${p.externalId ? ` (${p.externalId})` : ''}: ${Verb[p.action]}${p.reason ? ` — ${p.reason}` : ''}`;
    return [head, ...p.changes.map((c) => (c.remove ? `    would remove/reset ${c.path}: ${shown(c.old)} → (AWS's default)` : `    ${c.path}: ${shown(c.old)} → ${shown(c.new)}`))];
  });
  const count = (a: PlanAction) => plans.filter((p) => p.action === a).length;
  const summary = `${plans.length} objects: ${count('create')} to create, ${count('update')} to update, ${count('up-to-date')} up to date, ${count('stall')} would stall, ${count('wait')} would wait`;
  return `${[...lines, summary].join('\n')}\n`;
}

export function renderPlanJson(plans: readonly ObjectPlan[]): string {
  return `${JSON.stringify({ changes: plans.some((p) => p.action !== 'up-to-date'), objects: plans }, null, 2)}\n`;
}

/** 0: nothing to change; 2: something would change (or cannot, and would stall or wait). */
export function planExitCode(plans: readonly ObjectPlan[]): 0 | 2 {
  return plans.every((p) => p.action === 'up-to-date') ? 0 : 2;
}
