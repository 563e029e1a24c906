/** Action-plan supervision (行动方案督办): plan parsing, agency mapping, task status, report workflow, periods, indicator arithmetic. */
export * from './action-plan.ts';
export * from './reporting-periods.ts';
export * from './report-workflow.ts';
export * from './task-status.ts';
export * from './metrics.ts';
