/**
 * Where an organisation may sit in the hierarchy. Banks (and insurers) form head → branch →
 * sub-branch trees, which later decide what each office sees; other organisations may only hang
 * under an organisation of their own type (a group and its subsidiaries). Pure rules, no I/O.
 *
 * @example
 * checkPlacement({ id: 'b2', type: 'bank', bankLevel: 'branch', parent: { id: 'b1', type: 'bank', bankLevel: 'head' }, ancestorIds: ['b1'] }) // []
 */
import type { BankLevel, OrganisationType } from '../demo-city/organisations.ts';

export interface PlacementParent {
  id: string;
  type: OrganisationType;
  bankLevel: BankLevel | null;
}

export interface PlacementIssue {
  field: 'bankLevel' | 'parentId';
  rule: 'level_not_applicable' | 'level_required' | 'head_has_no_parent' | 'parent_level' | 'parent_type' | 'cycle';
  message: string;
}

/** Types whose offices form a head → branch → sub-branch tree. */
export const hierarchicalTypes: readonly OrganisationType[] = ['bank', 'insurer'];

const parentLevelOf: Record<BankLevel, BankLevel | null> = { head: null, branch: 'head', sub_branch: 'branch' };

export function checkPlacement(input: {
  id: string;
  type: OrganisationType;
  bankLevel: BankLevel | null;
  parent: PlacementParent | null;
  /** ids from the parent up to the root, for cycle detection on re-parenting */
  ancestorIds: readonly string[];
}): PlacementIssue[] {
  const issues: PlacementIssue[] = [];
  const { type, bankLevel, parent } = input;
  const hierarchical = hierarchicalTypes.includes(type);
  if (!hierarchical && bankLevel !== null)
    issues.push({ field: 'bankLevel', rule: 'level_not_applicable', message: `only ${hierarchicalTypes.join(' / ')} organisations have a level` });
  if (type === 'bank' && bankLevel === null) issues.push({ field: 'bankLevel', rule: 'level_required', message: 'a bank needs a level: head, branch or sub_branch' });
  if (parent) {
    if (parent.type !== type) issues.push({ field: 'parentId', rule: 'parent_type', message: `the parent must be a ${type} as well` });
    if (hierarchical && bankLevel) {
      const wanted = parentLevelOf[bankLevel];
      if (wanted === null) issues.push({ field: 'parentId', rule: 'head_has_no_parent', message: 'a head office has no parent' });
      else if (parent.bankLevel !== wanted) issues.push({ field: 'parentId', rule: 'parent_level', message: `a ${bankLevel} must sit under a ${wanted}` });
    }
    if (parent.id === input.id || input.ancestorIds.includes(input.id)) issues.push({ field: 'parentId', rule: 'cycle', message: 'an organisation cannot be its own ancestor' });
  } else if (hierarchical && bankLevel && bankLevel !== 'head') {
    issues.push({ field: 'parentId', rule: 'parent_level', message: `a ${bankLevel} needs a parent ${parentLevelOf[bankLevel]}` });
  }
  return issues;
}
