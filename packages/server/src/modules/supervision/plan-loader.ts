/**
 * Loads an action plan as a new version: validates it (every error named), maps its agencies to
 * organisations by name (an unmapped name is kept as text and listed), and stores the plan with
 * its tasks; the previous current plan stays readable. Used by `POST /plans` and the demo seed.
 */
import { randomUUID } from 'node:crypto';
import { supervisionRepository, type Database, type Orm, type SupervisionPlanRow } from '@cfp/db';
import { mapAgencies, parseActionPlan, type HashAlgorithm } from '@cfp/domain';
import { AppError } from '../../http/app-error.ts';
import { recordAudit } from '../audit/audit-service.ts';

export async function loadActionPlan(options: {
  orm: Orm;
  json: unknown;
  fullText: string | null;
  loadedBy: string | null;
  makeCurrent: boolean;
  now: Date;
}): Promise<SupervisionPlanRow> {
  const parsed = parseActionPlan(options.json);
  if (!parsed.ok) throw new AppError('VALIDATION_FAILED', { fields: parsed.errors.map((e) => ({ path: `plan.${e.path}`.replace('plan.$', 'plan'), message: e.message })) });
  const { plan } = parsed;
  const repo = supervisionRepository(options.orm);
  const organisations = await repo.agencyOrganisations();
  const unmapped = new Set<string>();
  const map = (names: readonly string[]) => {
    const mapped = mapAgencies(names, organisations);
    for (const m of mapped) if (m.organisationId === null) unmapped.add(m.name);
    return mapped;
  };
  const id = randomUUID();
  const tasks = plan.tasks.map((t) => ({
    planId: id,
    code: t.code,
    kind: t.kind,
    groupName: t.group,
    position: t.order,
    title: t.title,
    summary: t.summary,
    deadlineText: t.deadlineText,
    dueYear: t.dueYear,
    leads: map(t.leads),
    partners: map(t.partners),
  }));
  return repo.insertPlan({
    plan: {
      id,
      version: await repo.nextPlanVersion(),
      title: plan.title,
      issuer: plan.issuer,
      documentNumber: plan.documentNumber,
      issued: plan.issued,
      targets: [...plan.targets],
      groups: [...plan.groups],
      source: options.json,
      fullText: options.fullText,
      unmappedAgencies: [...unmapped],
      // The first plan is current whatever was asked: there must be one to supervise.
      isCurrent: options.makeCurrent || (await repo.currentPlan()) === undefined,
      loadedAt: options.now,
      loadedBy: options.loadedBy,
    },
    tasks,
  });
}

/**
 * `cfp seed --plan <file.json> [--full-text <file.txt>]`: loads a plan as the current version in
 * one transaction with its audit entry (actor: the command line). Production included: a plan is
 * reference data, not demo data.
 */
export async function loadActionPlanFromCli(options: {
  db: Database;
  json: unknown;
  fullText: string | null;
  now: Date;
  algorithm?: HashAlgorithm;
}): Promise<{ id: string; version: number; tasks: number; unmappedAgencies: string[] }> {
  return options.db.inTransaction(async () => {
    const row = await loadActionPlan({ orm: options.db.orm, json: options.json, fullText: options.fullText, loadedBy: null, makeCurrent: true, now: options.now });
    const tasks = (await supervisionRepository(options.db.orm).tasks(row.id)).length;
    const summary = { id: row.id, version: row.version, tasks, unmappedAgencies: row.unmappedAgencies };
    await recordAudit(options.db.orm, {
      actor: null,
      action: 'supervision.plans.load',
      target: { type: 'action_plan', id: row.id },
      after: summary,
      requestId: null,
      now: options.now,
      ...(options.algorithm ? { algorithm: options.algorithm } : {}),
    });
    return summary;
  });
}
