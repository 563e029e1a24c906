/**
 * The action plan as data (行动方案): validation of a plan file (the shape of
 * reference/jining-action-plan-2024.json), deadline parsing, agency mapping to organisations and
 * the full-text paragraph of each task. Pure: the caller reads files and the database.
 *
 * @example
 * const parsed = parseActionPlan(json);
 * if (parsed.ok) parsed.plan.tasks.length; // 24 for the 2024 Jining plan (21 tasks + 3 safeguards)
 */

export type PlanTaskKind = 'task' | 'safeguard';

export interface ParsedPlanTask {
  /** '1'…'99' for tasks, 'S1'…'S9' for safeguards. */
  readonly code: string;
  readonly kind: PlanTaskKind;
  readonly group: string;
  /** Position in the plan (tasks first, then safeguards), from 1. */
  readonly order: number;
  readonly title: string;
  readonly summary: string;
  readonly leads: readonly string[];
  readonly partners: readonly string[];
  readonly deadlineText: string | null;
  readonly dueYear: number | null;
}

export interface ParsedPlanGroup {
  readonly name: string;
  readonly order: number;
  readonly taskCount: number;
}

export interface ParsedActionPlan {
  readonly title: string;
  readonly issuer: string;
  readonly documentNumber: string | null;
  /** YYYY-MM-DD or null. */
  readonly issued: string | null;
  readonly targets: ReadonlyArray<{ readonly year: number; readonly text: string }>;
  readonly groups: readonly ParsedPlanGroup[];
  readonly tasks: readonly ParsedPlanTask[];
}

/** One named problem of a plan file: `path` is a JSON path like `tasks[3].leads`. */
export interface PlanError {
  readonly path: string;
  readonly message: string;
}

export type ParseActionPlanResult = { readonly ok: true; readonly plan: ParsedActionPlan } | { readonly ok: false; readonly errors: readonly PlanError[] };

const SAFEGUARD_GROUP = '保障措施';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/**
 * The due year of a deadline text: the first 4-digit year followed by 年
 * (「2024年启动平台建设」→ 2024, 「2025年实现多场景应用」→ 2025); null when none or no text.
 */
export function parseDueYear(deadlineText: string | null | undefined): number | null {
  if (deadlineText === null || deadlineText === undefined) return null;
  const match = /((?:19|20|21)\d{2})\s*年/u.exec(deadlineText);
  return match === null ? null : Number(match[1]);
}

function isBusinessDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function agencyList(value: unknown, path: string, required: boolean, errors: PlanError[]): string[] {
  if (value === undefined || value === null) {
    if (required) errors.push({ path, message: '缺少牵头单位（至少一个）/ at least one lead agency is required' });
    return [];
  }
  if (!Array.isArray(value)) {
    errors.push({ path, message: '必须是单位名称数组 / must be an array of agency names' });
    return [];
  }
  const names: string[] = [];
  value.forEach((item, i) => {
    const name = text(item);
    if (name === null) errors.push({ path: `${path}[${i}]`, message: '单位名称不能为空 / must be a non-empty string' });
    else if (!names.includes(name)) names.push(name);
  });
  if (required && names.length === 0 && value.length === 0) errors.push({ path, message: '缺少牵头单位（至少一个）/ at least one lead agency is required' });
  return names;
}

/**
 * Validates a plan file and returns the typed plan, or every problem found (never only the first).
 * Rules: `meta.title` and `meta.issuer` are required; `meta.issued` is a date if present;
 * `meta.targets` maps 4-digit years to texts; `tasks` is a non-empty array whose `no` are unique
 * integers 1–99, each with a group, a title and at least one lead; `safeguards` (optional) have
 * unique ids `S1`…`S9`. A trailing annotation of the title after « — » (e.g. "— tasks as data")
 * is dropped.
 */
export function parseActionPlan(json: unknown): ParseActionPlanResult {
  const errors: PlanError[] = [];
  if (!isRecord(json)) return { ok: false, errors: [{ path: '$', message: '方案必须是 JSON 对象 / the plan must be a JSON object' }] };
  const meta = isRecord(json.meta) ? json.meta : null;
  if (meta === null) errors.push({ path: 'meta', message: '缺少 meta 对象 / meta object is required' });
  const rawTitle = text(meta?.title);
  if (meta !== null && rawTitle === null) errors.push({ path: 'meta.title', message: '缺少方案标题 / title is required' });
  const issuer = text(meta?.issuer);
  if (meta !== null && issuer === null) errors.push({ path: 'meta.issuer', message: '缺少印发机关 / issuer is required' });
  const documentNumber = text(meta?.documentNumber);
  const issued = text(meta?.issued);
  if (issued !== null && !isBusinessDate(issued)) errors.push({ path: 'meta.issued', message: '印发日期须为 YYYY-MM-DD / must be a date YYYY-MM-DD' });
  const targets: Array<{ year: number; text: string }> = [];
  if (meta?.targets !== undefined && meta.targets !== null) {
    if (!isRecord(meta.targets)) errors.push({ path: 'meta.targets', message: '须为 {年份: 目标} 对象 / must map years to texts' });
    else
      for (const [year, target] of Object.entries(meta.targets)) {
        const targetText = text(target);
        if (!/^\d{4}$/.test(year)) errors.push({ path: `meta.targets.${year}`, message: '年份须为 4 位数字 / the key must be a 4-digit year' });
        else if (targetText === null) errors.push({ path: `meta.targets.${year}`, message: '目标内容不能为空 / must be a non-empty text' });
        else targets.push({ year: Number(year), text: targetText });
      }
  }
  targets.sort((a, b) => a.year - b.year);

  const tasks: ParsedPlanTask[] = [];
  const seen = new Set<string>();
  const readItem = (item: unknown, path: string, kind: PlanTaskKind): void => {
    if (!isRecord(item)) {
      errors.push({ path, message: '须为对象 / must be an object' });
      return;
    }
    let code: string | null = null;
    if (kind === 'task') {
      const no = item.no;
      if (typeof no !== 'number' || !Number.isInteger(no) || no < 1 || no > 99)
        errors.push({ path: `${path}.no`, message: '任务编号须为 1–99 的整数 / no must be an integer 1–99' });
      else code = String(no);
    } else {
      const id = text(item.id);
      if (id === null || !/^S[1-9]$/.test(id)) errors.push({ path: `${path}.id`, message: '保障措施编号须为 S1–S9 / id must be S1–S9' });
      else code = id;
    }
    if (code !== null) {
      if (seen.has(code)) errors.push({ path: kind === 'task' ? `${path}.no` : `${path}.id`, message: `编号 ${code} 重复 / duplicate code ${code}` });
      seen.add(code);
    }
    const group = text(item.group) ?? (kind === 'safeguard' ? SAFEGUARD_GROUP : null);
    if (group === null) errors.push({ path: `${path}.group`, message: '缺少所属行动分组 / group is required' });
    const title = text(item.title);
    if (title === null) errors.push({ path: `${path}.title`, message: '缺少任务标题 / title is required' });
    if (item.summary !== undefined && item.summary !== null && typeof item.summary !== 'string') errors.push({ path: `${path}.summary`, message: '须为文本 / must be a string' });
    const leads = agencyList(item.leads, `${path}.leads`, true, errors);
    const partners = agencyList(item.partners, `${path}.partners`, false, errors);
    if (item.deadline !== undefined && item.deadline !== null && typeof item.deadline !== 'string')
      errors.push({ path: `${path}.deadline`, message: '须为文本或 null / must be a string or null' });
    const deadlineText = text(item.deadline);
    if (code === null || group === null || title === null) return;
    tasks.push({
      code,
      kind,
      group,
      order: tasks.length + 1,
      title,
      summary: typeof item.summary === 'string' ? item.summary.trim() : '',
      leads,
      partners,
      deadlineText,
      dueYear: parseDueYear(deadlineText),
    });
  };
  if (!Array.isArray(json.tasks) || json.tasks.length === 0) errors.push({ path: 'tasks', message: '须为非空任务数组 / tasks must be a non-empty array' });
  else json.tasks.forEach((item, i) => readItem(item, `tasks[${i}]`, 'task'));
  if (json.safeguards !== undefined && json.safeguards !== null) {
    if (!Array.isArray(json.safeguards)) errors.push({ path: 'safeguards', message: '须为数组 / safeguards must be an array' });
    else json.safeguards.forEach((item, i) => readItem(item, `safeguards[${i}]`, 'safeguard'));
  }
  if (errors.length > 0 || rawTitle === null || issuer === null) return { ok: false, errors };

  const groups: ParsedPlanGroup[] = [];
  for (const task of tasks) {
    const group = groups.find((g) => g.name === task.group);
    if (group === undefined) groups.push({ name: task.group, order: groups.length + 1, taskCount: 1 });
    else groups[groups.indexOf(group)] = { ...group, taskCount: group.taskCount + 1 };
  }
  const title = rawTitle.replace(/\s*—\s*[A-Za-z][A-Za-z ]*$/u, '');
  return { ok: true, plan: { title, issuer, documentNumber, issued, targets, groups, tasks } };
}

export interface MappableOrganisation {
  readonly id: string;
  readonly nameZh: string;
  readonly type: string;
}

export interface MappedAgency {
  readonly name: string;
  readonly organisationId: string | null;
}

/** Types of organisation an agency of a plan can be: public bodies and regulators. */
const agencyTypes = new Set(['government', 'county_government', 'regulator']);

/**
 * Maps agency names of a plan to organisations: an exact Chinese name first; otherwise a name that
 * starts with 市/县/区 matches the one public body whose name ends with it ("市发展改革委" ↔
 * "济宁市发展改革委"). An unmatched or ambiguous name keeps `organisationId: null` (never dropped),
 * so a plan of another city still loads and the name can be flagged.
 */
export function mapAgencies(names: readonly string[], organisations: readonly MappableOrganisation[]): MappedAgency[] {
  const bodies = organisations.filter((o) => agencyTypes.has(o.type));
  return names.map((name) => {
    const exact = bodies.filter((o) => o.nameZh === name);
    if (exact.length === 1) return { name, organisationId: exact[0]!.id };
    if (/^[市县区]/u.test(name)) {
      const suffix = bodies.filter((o) => o.nameZh.endsWith(name) && o.nameZh.length > name.length);
      if (suffix.length === 1) return { name, organisationId: suffix[0]!.id };
    }
    return { name, organisationId: null };
  });
}

const itemStart = /^(?:\d{1,2}[.．、]|（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)/u;

/**
 * The paragraph of the full text that opens with a task's title (whitespace ignored), up to the
 * next numbered item or heading. When the title of the data differs from the text (a condensed
 * title), a task falls back to the paragraph numbered with its code ("20. …"). Null when neither
 * is found. Lines broken by the PDF extraction are joined (Chinese text has no spaces between lines).
 */
export function fullTextExcerpt(options: { readonly fullText: string | null; readonly title: string; readonly code?: string }): string | null {
  if (options.fullText === null) return null;
  const blocks: string[] = [];
  let current: string[] | null = null;
  for (const raw of options.fullText.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    if (itemStart.test(line) || current === null) {
      if (current !== null) blocks.push(current.join(''));
      current = [line];
    } else current.push(line);
  }
  if (current !== null) blocks.push(current.join(''));
  const title = options.title.replace(/\s+/gu, '');
  if (title !== '') {
    for (const block of blocks) {
      const at = block.replace(/\s+/gu, '').indexOf(title);
      if (at >= 0 && at <= 8) return block;
    }
  }
  if (options.code !== undefined && /^\d{1,2}$/.test(options.code)) {
    const numbered = new RegExp(`^${options.code}[.．、]`, 'u');
    const matches = blocks.filter((b) => numbered.test(b));
    if (matches.length === 1) return matches[0]!;
  }
  return null;
}
