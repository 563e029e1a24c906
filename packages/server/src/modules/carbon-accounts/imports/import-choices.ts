/**
 * What the 品种 (item) column may name for one enterprise: the fuels of the default fuel factor
 * set, the process materials and gases of the published reference library, and the enterprise's
 * registered products. The template lists them; the import resolves an id or a Chinese name to the
 * id the engine and the registry use.
 *
 * @example
 * const choices = importChoices({ library, products });
 * resolveItem({ choices, type: 'fuel', text: '原煤' }) // { ok: true, id: 'raw_coal' }
 */
import { accountingDefaults, type ProcessFactor, type ReferenceLibrary } from '@cfp/domain';
import type { LineType } from './month-import-columns.ts';

export interface NamedChoice {
  id: string;
  nameZh: string;
  nameEn: string;
  /** Fuels: the unit their factors refer to (t or 10^4 Nm3); products: their registered unit. */
  unit: string;
}

export interface ImportChoices {
  /** The fuel factor set the engine uses, with its version (cn_industry_other_2015@1). */
  fuelFactorSet: string;
  fuels: NamedChoice[];
  processMaterials: NamedChoice[];
  gases: string[];
  products: NamedChoice[];
}

type Body = Record<string, unknown>;
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export function importChoices(options: { library: ReferenceLibrary; products: readonly { productId: string; nameZh: string; unit: string }[] }): ImportChoices {
  const { library } = options;
  const set = library.findFuelFactorSet(accountingDefaults.factorSet);
  const bodyOf = (kind: string, id: string, version: number): Body | undefined => library.records.find((r) => r.kind === kind && r.id === id && r.version === version)?.body;
  const fuelBodies = (bodyOf('fuel_factor_set', set.value.id, set.value.version)?.['fuels'] ?? []) as Body[];
  const fuels = set.value.fuels.map((f) => {
    const body = fuelBodies.find((b) => b['id'] === f.id);
    return { id: f.id, nameZh: text(body?.['nameZh']), nameEn: text(body?.['nameEn']), unit: f.unit };
  });
  const processMaterials = library
    .latestOf<ProcessFactor>('process_factor')
    .map((p) => {
      const body = bodyOf('process_factor', p.id, p.version);
      return { id: p.id, nameZh: text(body?.['nameZh']), nameEn: text(body?.['nameEn']), unit: 't' };
    })
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const gases = Object.keys(library.findGwpSet(accountingDefaults.gwpSet).value.values);
  const products = options.products.map((p) => ({ id: p.productId, nameZh: p.nameZh, nameEn: '', unit: p.unit }));
  return { fuelFactorSet: set.ref, fuels, processMaterials, gases, products };
}

const fold = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

function find(list: readonly NamedChoice[], wanted: string): NamedChoice | undefined {
  const key = fold(wanted);
  return list.find((c) => fold(c.id) === key) ?? list.find((c) => c.nameZh !== '' && fold(c.nameZh) === key);
}

/**
 * The id an item cell names for its line type. Fuels, materials and gases that match nothing are
 * passed on unchanged, so that the engine reports them (unknown_reference) like any other input;
 * a product that matches nothing is `ok: false`.
 */
export function resolveItem(options: { choices: ImportChoices; type: LineType; text: string }): { ok: true; id: string; choice?: NamedChoice } | { ok: false } {
  const { choices, type } = options;
  const raw = options.text.trim();
  switch (type) {
    case 'fuel': {
      const choice = find(choices.fuels, raw);
      return choice ? { ok: true, id: choice.id, choice } : { ok: true, id: raw };
    }
    case 'process': {
      const choice = find(choices.processMaterials, raw);
      return choice ? { ok: true, id: choice.id, choice } : { ok: true, id: raw };
    }
    case 'direct_gas':
      return { ok: true, id: choices.gases.find((g) => fold(g) === fold(raw)) ?? raw };
    case 'production': {
      const choice = find(choices.products, raw);
      return choice ? { ok: true, id: choice.id, choice } : { ok: false };
    }
    default:
      return { ok: true, id: raw };
  }
}
