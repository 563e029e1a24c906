/**
 * A four-colour label (能效碳耗标识：绿/黄/橙/红) as a tag, with 「暂定」 when a value it used is
 * unverified; 「无标识」 when no method applied. Colours are dark enough for white text, except
 * yellow, which carries dark text.
 */
import { Space, Tag } from 'antd';
import type { EnterpriseLabel } from '@cfp/contracts';
import { useApp } from '../../app/app-context.tsx';
import type { MessageKey } from '../../app/i18n.ts';

export type LabelColour = NonNullable<EnterpriseLabel['colour']>;
export const labelColours: readonly LabelColour[] = ['green', 'yellow', 'orange', 'red'];

export const colourStyle: Record<LabelColour, { background: string; color: string }> = {
  green: { background: '#237804', color: '#fff' },
  yellow: { background: '#fadb14', color: '#262626' },
  orange: { background: '#d46b08', color: '#fff' },
  red: { background: '#cf1322', color: '#fff' },
};

export const colourKey = (colour: LabelColour | null | undefined): MessageKey => (colour ? (`colour_${colour}` as MessageKey) : 'colour_none');

export function LabelColourTag({
  colour,
  provisional = false,
  large = false,
  testId,
}: {
  colour: LabelColour | null | undefined;
  provisional?: boolean;
  large?: boolean;
  testId?: string;
}) {
  const { t } = useApp();
  const style = colour ? colourStyle[colour] : { background: '#f0f0f0', color: '#595959' };
  return (
    <Space size={4} data-testid={testId} data-colour={colour ?? 'none'} data-provisional={provisional ? 'true' : 'false'} wrap>
      <Tag
        bordered={false}
        style={{
          ...style,
          margin: 0,
          fontWeight: 600,
          ...(large ? { fontSize: 28, lineHeight: '44px', padding: '0 20px', borderRadius: 8, minWidth: 88, textAlign: 'center' } : {}),
        }}
      >
        {t(colourKey(colour))}
      </Tag>
      {provisional && (
        <Tag color="warning" style={{ margin: 0, ...(large ? { fontSize: 16, lineHeight: '28px' } : {}) }}>
          {t('provisional')}
        </Tag>
      )}
    </Space>
  );
}
