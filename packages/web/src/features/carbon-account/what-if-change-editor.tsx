/**
 * The what-if's list of changes: a fuel switch (from one of the enterprise's own fuels to any fuel
 * of the factor set, a share and an optional boiler efficiency ratio), green electricity (MWh over
 * the period or a share of purchases) and an efficiency gain (one activity or all energy use, a
 * percentage). Values stay decimal strings; the server checks ranges and names the field at fault,
 * and its message is shown beside that field.
 */
import type { ReactNode } from 'react';
import { Button, Card, Flex, InputNumber, Radio, Select, Slider, Typography } from 'antd';
import type { WhatIfInput, WhatIfResultBody } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import type { MessageKey } from '../../app/i18n.ts';

export type WhatIfChangeInput = WhatIfInput['changes'][number];
export type WhatIfKind = WhatIfChangeInput['kind'];

/** A change being edited: every field optional until it is sent. */
export interface DraftChange {
  key: number;
  kind: WhatIfKind;
  fromFuel?: string;
  toFuel?: string;
  sharePercent?: string;
  efficiencyRatio?: string;
  greenMode?: 'mwh' | 'share';
  mwh?: string;
  activity?: string;
  reductionPercent?: string;
}

/** What the server is sent: only the fields of the change's kind (empty ones left out, so the server names them). */
export function toChangeInput(draft: DraftChange): WhatIfChangeInput {
  const text = (v: string | undefined) => v ?? '';
  if (draft.kind === 'fuel_switch') {
    return {
      kind: 'fuel_switch',
      fromFuel: text(draft.fromFuel),
      toFuel: text(draft.toFuel),
      sharePercent: text(draft.sharePercent),
      ...(draft.efficiencyRatio ? { efficiencyRatio: draft.efficiencyRatio } : {}),
    };
  }
  if (draft.kind === 'green_electricity') {
    return draft.greenMode === 'mwh' ? { kind: 'green_electricity', mwh: text(draft.mwh) } : { kind: 'green_electricity', sharePercent: text(draft.sharePercent) };
  }
  return { kind: 'efficiency', activity: text(draft.activity ?? 'all_energy'), reductionPercent: text(draft.reductionPercent) };
}

const kindTitle: Record<WhatIfKind, MessageKey> = { fuel_switch: 'whatIfAddFuelSwitch', green_electricity: 'whatIfAddGreen', efficiency: 'whatIfAddEfficiency' };

function Field({ label, error, testId, children }: { label: string; error: string | undefined; testId: string; children: ReactNode }) {
  return (
    <div style={{ minWidth: 180, flex: '1 1 200px' }}>
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>
        {label}
      </Typography.Text>
      {children}
      {error && (
        <Typography.Text type="danger" data-testid={`what-if-error-${testId}`} style={{ display: 'block', marginTop: 4 }}>
          {error}
        </Typography.Text>
      )}
    </div>
  );
}

function Percent({ value, onChange, testId }: { value: string | undefined; onChange: (v: string | undefined) => void; testId: string }) {
  return (
    <Flex gap={8} align="center">
      <Slider style={{ flex: 1, minWidth: 80 }} min={0} max={100} value={value === undefined || value === '' ? 0 : Number(value)} onChange={(n) => onChange(String(n))} />
      <InputNumber<string> stringMode min="0" max="100" style={{ width: 96 }} value={value ?? null} onChange={(v) => onChange(v ?? undefined)} data-testid={`what-if-${testId}`} />
    </Flex>
  );
}

export function WhatIfChangeEditor({
  changes,
  onChange,
  baseline,
  errors,
}: {
  changes: DraftChange[];
  onChange: (changes: DraftChange[]) => void;
  baseline: WhatIfResultBody | undefined;
  /** Server messages by field path, e.g. `changes.0.sharePercent`. */
  errors: Record<string, string>;
}) {
  const { t, language } = useApp();
  const name = (item: { nameZh: string; nameEn: string }) => (language === 'en' ? item.nameEn : item.nameZh);
  const activities = baseline?.activities ?? [];
  const ownFuels = activities.filter((a) => a.activity.startsWith('fuel:'));
  const purchasedMwh = activities.filter((a) => a.activity === 'electricity_purchased').reduce((sum, a) => sum + Number(a.quantity), 0);
  const activityOptions = [
    { value: 'all_energy', label: t('whatIfAllEnergy') },
    ...[...new Map(activities.map((a) => [a.activity, a])).values()].map((a) => ({ value: a.activity, label: name(a) })),
  ];
  const fuelOptions = (baseline?.fuelChoices ?? []).map((f) => ({ value: f.id, label: `${name(f)} (${f.unit})` }));
  const update = (key: number, patch: Partial<DraftChange>) => onChange(changes.map((c) => (c.key === key ? { ...c, ...patch } : c)));
  const nextKey = changes.reduce((max, c) => Math.max(max, c.key), 0) + 1;
  const add = (kind: WhatIfKind) => {
    const draft: DraftChange = { key: nextKey, kind };
    if (kind === 'fuel_switch') Object.assign(draft, { fromFuel: ownFuels[0]?.activity.slice(5), toFuel: 'natural_gas', sharePercent: '50' });
    if (kind === 'green_electricity') Object.assign(draft, { greenMode: 'share', sharePercent: '30' });
    if (kind === 'efficiency') Object.assign(draft, { activity: 'all_energy', reductionPercent: '10' });
    onChange([...changes, draft]);
  };

  return (
    <div data-testid="what-if-changes">
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        {(['fuel_switch', 'green_electricity', 'efficiency'] as const).map((kind) => (
          <Button key={kind} onClick={() => add(kind)} data-testid={`what-if-add-${kind}`} disabled={!baseline}>
            + {t(kindTitle[kind])}
          </Button>
        ))}
      </Flex>
      {changes.length === 0 && <Typography.Paragraph type="secondary">{t('whatIfNoChanges')}</Typography.Paragraph>}
      <Flex vertical gap={12}>
        {changes.map((c, i) => {
          const error = (field: string) => errors[`changes.${i}.${field}`];
          const id = (field: string) => `${i}-${field}`;
          return (
            <Card
              key={c.key}
              size="small"
              data-testid={`what-if-change-${i}`}
              title={`${i + 1}. ${t(kindTitle[c.kind])}`}
              extra={
                <Button type="link" danger onClick={() => onChange(changes.filter((x) => x.key !== c.key))} data-testid={`what-if-remove-${i}`}>
                  {t('whatIfRemove')}
                </Button>
              }
            >
              {errors[`changes.${i}`] && <Typography.Text type="danger">{errors[`changes.${i}`]}</Typography.Text>}
              {c.kind === 'fuel_switch' && (
                <Flex gap={16} wrap>
                  <Field label={t('whatIfFrom')} error={error('fromFuel')} testId={id('fromFuel')}>
                    <Select
                      style={{ width: '100%' }}
                      value={c.fromFuel}
                      onChange={(v: string) => update(c.key, { fromFuel: v })}
                      options={ownFuels.map((f) => ({ value: f.activity.slice(5), label: `${name(f)} (${f.quantity} ${f.unit})` }))}
                      data-testid={`what-if-${id('fromFuel')}`}
                    />
                  </Field>
                  <Field label={t('whatIfTo')} error={error('toFuel')} testId={id('toFuel')}>
                    <Select
                      showSearch
                      optionFilterProp="label"
                      style={{ width: '100%' }}
                      value={c.toFuel}
                      onChange={(v: string) => update(c.key, { toFuel: v })}
                      options={fuelOptions.filter((f) => f.value !== c.fromFuel)}
                      data-testid={`what-if-${id('toFuel')}`}
                    />
                  </Field>
                  <Field label={t('whatIfShare')} error={error('sharePercent')} testId={id('sharePercent')}>
                    <Percent value={c.sharePercent} onChange={(v) => update(c.key, { sharePercent: v })} testId={id('sharePercent')} />
                  </Field>
                  <Field label={t('whatIfEfficiencyRatio')} error={error('efficiencyRatio')} testId={id('efficiencyRatio')}>
                    <InputNumber<string>
                      stringMode
                      min="0"
                      step="0.01"
                      style={{ width: '100%' }}
                      placeholder="1"
                      value={c.efficiencyRatio ?? null}
                      onChange={(v) => update(c.key, { efficiencyRatio: v ?? undefined })}
                      data-testid={`what-if-${id('efficiencyRatio')}`}
                    />
                  </Field>
                </Flex>
              )}
              {c.kind === 'green_electricity' && (
                <Flex gap={16} wrap align="flex-start">
                  <Field label=" " error={undefined} testId={id('mode')}>
                    <Radio.Group
                      value={c.greenMode ?? 'share'}
                      onChange={(e) => update(c.key, { greenMode: e.target.value as 'mwh' | 'share' })}
                      optionType="button"
                      options={[
                        { value: 'share', label: t('whatIfGreenByShare') },
                        { value: 'mwh', label: t('whatIfGreenByMwh') },
                      ]}
                      data-testid={`what-if-${id('mode')}`}
                    />
                  </Field>
                  {(c.greenMode ?? 'share') === 'share' ? (
                    <Field label={t('whatIfShare')} error={error('sharePercent')} testId={id('sharePercent')}>
                      <Percent value={c.sharePercent} onChange={(v) => update(c.key, { sharePercent: v })} testId={id('sharePercent')} />
                    </Field>
                  ) : (
                    <Field label={t('whatIfGreenMwh')} error={error('mwh')} testId={id('mwh')}>
                      <InputNumber<string>
                        stringMode
                        min="0"
                        style={{ width: '100%' }}
                        value={c.mwh ?? null}
                        onChange={(v) => update(c.key, { mwh: v ?? undefined })}
                        data-testid={`what-if-${id('mwh')}`}
                      />
                    </Field>
                  )}
                  <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
                    {t('whatIfPurchased').replace('{n}', purchasedMwh.toLocaleString(language, { maximumFractionDigits: 3 }))}
                  </Typography.Text>
                </Flex>
              )}
              {c.kind === 'efficiency' && (
                <Flex gap={16} wrap>
                  <Field label={t('whatIfActivity')} error={error('activity')} testId={id('activity')}>
                    <Select
                      style={{ width: '100%' }}
                      value={c.activity ?? 'all_energy'}
                      onChange={(v: string) => update(c.key, { activity: v })}
                      options={activityOptions}
                      data-testid={`what-if-${id('activity')}`}
                    />
                  </Field>
                  <Field label={t('whatIfReduction')} error={error('reductionPercent')} testId={id('reductionPercent')}>
                    <Percent value={c.reductionPercent} onChange={(v) => update(c.key, { reductionPercent: v })} testId={id('reductionPercent')} />
                  </Field>
                </Flex>
              )}
            </Card>
          );
        })}
      </Flex>
    </div>
  );
}
