import { describe, expect, it } from 'vitest';
import { checkPlacement } from './organisation-placement.ts';

const head = { id: 'h', type: 'bank' as const, bankLevel: 'head' as const };
const branch = { id: 'b', type: 'bank' as const, bankLevel: 'branch' as const };

describe('checkPlacement', () => {
  it.each([
    ['head without parent', { id: 'x', type: 'bank', bankLevel: 'head', parent: null, ancestorIds: [] }, []],
    ['branch under head', { id: 'x', type: 'bank', bankLevel: 'branch', parent: head, ancestorIds: ['h'] }, []],
    ['sub-branch under branch', { id: 'x', type: 'bank', bankLevel: 'sub_branch', parent: branch, ancestorIds: ['b', 'h'] }, []],
    ['sub-branch under head', { id: 'x', type: 'bank', bankLevel: 'sub_branch', parent: head, ancestorIds: ['h'] }, ['parent_level']],
    ['branch without parent', { id: 'x', type: 'bank', bankLevel: 'branch', parent: null, ancestorIds: [] }, ['parent_level']],
    ['head with parent', { id: 'x', type: 'bank', bankLevel: 'head', parent: head, ancestorIds: ['h'] }, ['head_has_no_parent']],
    ['bank without level', { id: 'x', type: 'bank', bankLevel: null, parent: null, ancestorIds: [] }, ['level_required']],
    ['enterprise with level', { id: 'x', type: 'enterprise', bankLevel: 'branch', parent: null, ancestorIds: [] }, ['level_not_applicable']],
    ['enterprise under a bank', { id: 'x', type: 'enterprise', bankLevel: null, parent: head, ancestorIds: ['h'] }, ['parent_type']],
    ['subsidiary under group', { id: 'x', type: 'enterprise', bankLevel: null, parent: { id: 'g', type: 'enterprise', bankLevel: null }, ancestorIds: ['g'] }, []],
    ['own ancestor', { id: 'g', type: 'enterprise', bankLevel: null, parent: { id: 's', type: 'enterprise', bankLevel: null }, ancestorIds: ['s', 'g'] }, ['cycle']],
  ] as const)('%s', (_name, input, rules) => {
    expect(checkPlacement(input).map((i) => i.rule)).toEqual(rules);
  });
});
