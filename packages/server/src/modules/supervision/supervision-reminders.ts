/**
 * Supervision reminders (督办提醒): an inbox notification to the owner of each overdue milestone
 * and to the lead agencies of each task whose report for the last quarter is missing. Idempotent
 * per (item, organisation, business day): the reminder row is written before the notification,
 * under its primary key, so two runs on one day notify once. Run by `POST /reminders/run` and by
 * the daily `supervision-reminders` job.
 */
import { randomUUID } from 'node:crypto';
import type { ReminderRun } from '@cfp/contracts';
import { notificationRepository, supervisionRepository, type Database } from '@cfp/db';
import { businessDateOf, missingReports, quarterOf } from '@cfp/domain';
import type { Clock } from '../../clock.ts';
import type { Logger } from '../../logger.ts';
import type { JobHandler, JobRunner } from '../../jobs/job-runner.ts';

export async function runSupervisionReminders(options: { db: Pick<Database, 'orm'>; now: Date }): Promise<ReminderRun> {
  const orm = options.db.orm;
  const repo = supervisionRepository(orm);
  const inbox = notificationRepository(orm);
  const day = businessDateOf(options.now);
  const plan = await repo.currentPlan();
  const result: ReminderRun = { day, period: missingReports({ taskCodes: [], reports: [], today: day, firstPeriod: null }).period, created: 0, alreadySent: 0, items: [] };
  if (!plan) return result;
  const tasks = await repo.tasks(plan.id);
  const milestones = await repo.milestones(plan.id);
  const reports = await repo.reports(plan.id);

  const send = async (reminder: {
    kind: 'milestone_overdue' | 'report_missing';
    itemKey: string;
    taskCode: string;
    milestoneId: string | null;
    organisationId: string;
    title: { zh: string; en: string };
    body: { zh: string; en: string };
  }) => {
    const notificationId = randomUUID();
    const fresh = await repo.recordReminder({
      kind: reminder.kind,
      itemKey: reminder.itemKey,
      organisationId: reminder.organisationId,
      day,
      notificationId,
      createdAt: options.now,
    });
    if (fresh) {
      await inbox.insert({
        id: notificationId,
        recipientUserId: null,
        recipientOrganisationId: reminder.organisationId,
        type: `supervision.${reminder.kind}`,
        titleZh: reminder.title.zh,
        titleEn: reminder.title.en,
        bodyZh: reminder.body.zh,
        bodyEn: reminder.body.en,
        link: `/supervision/tasks/${reminder.taskCode}`,
        createdAt: options.now,
      });
      result.created += 1;
    } else result.alreadySent += 1;
    result.items.push({ kind: reminder.kind, taskCode: reminder.taskCode, milestoneId: reminder.milestoneId, organisationId: reminder.organisationId, created: fresh });
  };

  for (const m of milestones) {
    if (m.doneAt !== null || m.dueDate >= day) continue;
    await send({
      kind: 'milestone_overdue',
      itemKey: m.id,
      taskCode: m.taskCode,
      milestoneId: m.id,
      organisationId: m.ownerOrganisationId,
      title: { zh: `督办提醒：任务 ${m.taskCode} 的里程碑已逾期`, en: `Reminder: a milestone of task ${m.taskCode} is overdue` },
      body: { zh: `“${m.title}”应于 ${m.dueDate} 完成，请尽快办理并标记完成。`, en: `"${m.title}" was due on ${m.dueDate}; complete it and mark it done.` },
    });
  }

  const firstPeriod = quarterOf(plan.issued ?? businessDateOf(plan.loadedAt));
  const missing = missingReports({
    taskCodes: tasks.map((t) => t.code),
    reports: reports.map((r) => ({ taskCode: r.taskCode, period: r.period, status: r.status as 'draft' })),
    today: day,
    firstPeriod,
  });
  result.period = missing.period;
  for (const code of missing.taskCodes) {
    const task = tasks.find((t) => t.code === code)!;
    // A returned report is still missing, but its agency has written one: say so, not "not submitted".
    const returned = reports.some((r) => r.taskCode === code && r.period === missing.period && r.status === 'returned');
    for (const lead of task.leads) {
      if (lead.organisationId === null) continue;
      await send({
        kind: 'report_missing',
        itemKey: `${plan.id}:${code}:${missing.period}`,
        taskCode: code,
        milestoneId: null,
        organisationId: lead.organisationId,
        title: returned
          ? {
              zh: `督办提醒：任务 ${code} 的 ${missing.period} 进展报告已退回，待重新报送`,
              en: `Reminder: the ${missing.period} progress report of task ${code} was returned and awaits resubmission`,
            }
          : { zh: `督办提醒：任务 ${code} 的 ${missing.period} 进展报告未报送`, en: `Reminder: the ${missing.period} progress report of task ${code} is missing` },
        body: returned
          ? {
              zh: `请按审核意见修改“${task.title}”${missing.period} 的进展报告后重新报送。`,
              en: `Revise the ${missing.period} progress report of task ${code} as the review asks and submit it again.`,
            }
          : { zh: `请报送“${task.title}”${missing.period} 的进展报告。`, en: `Submit the ${missing.period} progress report of task ${code}.` },
      });
    }
  }
  return result;
}

export const supervisionRemindersJobKind = 'supervision-reminders';

export function supervisionRemindersJob(options: { db: Database; clock: Clock }): JobHandler {
  return {
    kind: supervisionRemindersJobKind,
    // Idempotent per day: a rerun sends only what was not sent yet.
    resumable: false,
    run: () => options.db.inTransaction(() => runSupervisionReminders({ db: options.db, now: options.clock.now() })),
  };
}

/** How often the schedule checks whether a new business day began, in ms. */
export const supervisionReminderCheckEveryMs = 60 * 60_000;

/**
 * Queues the reminders job once per business day (Asia/Shanghai): at the first check of each day,
 * the first one an hour after start. The timer does not keep the process alive.
 */
export function scheduleSupervisionReminders(options: { runner: JobRunner; clock: Clock; everyMs?: number; logger?: Logger }): { stop(): void } {
  let lastDay: string | null = null;
  const timer = setInterval(() => {
    const day = businessDateOf(options.clock.now());
    if (day === lastDay) return;
    lastDay = day;
    options.runner
      .enqueue({ kind: supervisionRemindersJobKind, maxAttempts: 1 })
      .catch((error: unknown) => options.logger?.error({ err: error }, 'could not queue the supervision reminders'));
  }, options.everyMs ?? supervisionReminderCheckEveryMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
