import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import plan2024 from '../../../../reference/jining-action-plan-2024.json' with { type: 'json' };
import { demoOrganisations } from '../demo-city/organisations.ts';
import { fullTextExcerpt, mapAgencies, parseActionPlan, parseDueYear } from './action-plan.ts';

const fullText = readFileSync(new URL('../../../../reference/jining-action-plan-2024.txt', import.meta.url), 'utf8');

describe('parseActionPlan', () => {
  it('reads the 2024 Jining plan: 21 tasks, 3 safeguards, 6 groups, 2 targets', () => {
    const parsed = parseActionPlan(plan2024);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const { plan } = parsed;
    expect(plan.tasks.filter((t) => t.kind === 'task')).toHaveLength(21);
    expect(plan.tasks.filter((t) => t.kind === 'safeguard').map((t) => t.code)).toEqual(['S1', 'S2', 'S3']);
    expect(plan.groups.map((g) => [g.name, g.taskCount])).toEqual([
      ['碳金融发展基础建设行动', 4],
      ['碳金融碳交易推进行动', 4],
      ['碳金融服务创新行动', 4],
      ['碳金融要素支撑行动', 4],
      ['碳金融政策支持行动', 5],
      ['保障措施', 3],
    ]);
    expect(plan.targets.map((t) => t.year)).toEqual([2024, 2025]);
    expect(plan.title).toBe('济宁市碳金融发展行动方案（济政办字〔2024〕12号）');
    expect(plan.issued).toBe('2024-04-16');
    const task6 = plan.tasks.find((t) => t.code === '6');
    expect(task6).toMatchObject({ deadlineText: '2024年启动平台建设', dueYear: 2024, leads: ['市发展改革委'] });
    expect(plan.tasks.find((t) => t.code === '3')?.dueYear).toBe(2025);
    expect(plan.tasks.find((t) => t.code === '7')).toMatchObject({ deadlineText: null, dueYear: null, leads: ['市生态环境局'] });
  });

  it('names every error, not only the first', () => {
    const parsed = parseActionPlan({
      meta: { issuer: '', issued: '2024-02-30', targets: { '20x4': 'x' } },
      tasks: [{ no: 1, group: 'A', title: 'T', leads: [] }, { no: 1, group: 'A', title: '', leads: ['市发展改革委', 3] }, 'x'],
      safeguards: [{ id: 'X1', title: 's', leads: ['a'] }],
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => e.path)).toEqual([
      'meta.title',
      'meta.issuer',
      'meta.issued',
      'meta.targets.20x4',
      'tasks[0].leads',
      'tasks[1].no',
      'tasks[1].title',
      'tasks[1].leads[1]',
      'tasks[2]',
      'safeguards[0].id',
    ]);
  });

  it('refuses a non-object and an empty task list', () => {
    expect(parseActionPlan('plan')).toEqual({ ok: false, errors: [{ path: '$', message: expect.any(String) }] });
    const empty = parseActionPlan({ meta: { title: 't', issuer: 'i' }, tasks: [] });
    expect(empty.ok ? [] : empty.errors.map((e) => e.path)).toEqual(['tasks']);
  });

  it('loads a minimal plan of another city', () => {
    const parsed = parseActionPlan({ meta: { title: '某市方案', issuer: '某市政府' }, tasks: [{ no: 1, group: '甲', title: '任务', leads: ['市某局'] }] });
    expect(parsed.ok && parsed.plan.tasks[0]).toMatchObject({ code: '1', partners: [], summary: '', dueYear: null });
  });
});

describe('parseDueYear', () => {
  it.each([
    ['2024年启动平台建设', 2024],
    ['2025年实现多场景应用', 2025],
    ['到 2025 年底完成', 2025],
    ['持续推进', null],
    [null, null],
  ] as const)('%s → %s', (text, year) => expect(parseDueYear(text)).toBe(year));
});

describe('mapAgencies', () => {
  const orgs = demoOrganisations();
  it('maps every agency of the 2024 plan to a demo organisation', () => {
    const names = [...new Set([...plan2024.tasks, ...plan2024.safeguards].flatMap((t) => [...t.leads, ...t.partners]))];
    const mapped = mapAgencies(names, orgs);
    expect(mapped.filter((m) => m.organisationId === null)).toEqual([]);
    const byName = new Map(mapped.map((m) => [m.name, m.organisationId]));
    expect(byName.get('市发展改革委')).toBe('gov-drc');
    expect(byName.get('市生态环境局')).toBe('gov-eeb');
    expect(byName.get('人民银行济宁市分行')).toBe('pboc-jining');
    expect(byName.get('国家金融监督管理总局济宁监管分局')).toBe('nfra-jining');
    expect(byName.get('市人力资源社会保障局')).toBe('gov-hrss');
    expect(byName.get('市国资委')).toBe('gov-sasac');
  });

  it('keeps an unknown or ambiguous name with a null id', () => {
    const few = [
      { id: 'a', nameZh: '甲市发展改革委', type: 'government' },
      { id: 'b', nameZh: '乙市发展改革委', type: 'government' },
      { id: 'c', nameZh: '济宁市财政局', type: 'enterprise' },
    ];
    expect(mapAgencies(['市发展改革委', '市财政局', '甲市发展改革委'], few)).toEqual([
      { name: '市发展改革委', organisationId: null },
      { name: '市财政局', organisationId: null },
      { name: '甲市发展改革委', organisationId: 'a' },
    ]);
  });
});

describe('fullTextExcerpt', () => {
  it('finds the paragraph of every task and safeguard of the 2024 plan', () => {
    for (const item of [...plan2024.tasks, ...plan2024.safeguards]) {
      const excerpt = fullTextExcerpt({ fullText, title: item.title, code: 'no' in item ? String(item.no) : item.id });
      expect(excerpt, item.title).not.toBeNull();
    }
  });

  it('joins the broken lines of task 2 up to its agencies', () => {
    const excerpt = fullTextExcerpt({ fullText, title: '建立重点企业工业碳账户' });
    expect(excerpt).toMatch(/^2\. 建立重点企业工业碳账户。依托省“两高”行业电子监管平台/);
    expect(excerpt).toMatch(/（市发展改革委牵头，.*等依照职责分工落实）$/);
    expect(excerpt).not.toContain('3. 完善碳账户信贷体系');
  });

  it('falls back to the numbered paragraph when the title was condensed', () => {
    expect(fullTextExcerpt({ fullText, title: '支持金融产品创新认定向碳金融产品倾斜' })).toBeNull();
    expect(fullTextExcerpt({ fullText, title: '支持金融产品创新认定向碳金融产品倾斜', code: '20' })).toMatch(/^20\. 支持经济高质量发展金融产品创新认定/);
  });

  it('returns null without a text or a match', () => {
    expect(fullTextExcerpt({ fullText: null, title: 'x' })).toBeNull();
    expect(fullTextExcerpt({ fullText, title: '不存在的任务' })).toBeNull();
  });
});
