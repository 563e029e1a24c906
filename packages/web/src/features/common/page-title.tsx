/** A page heading (h1) with optional actions on the right, wrapping on phones. */
import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {children}
      </Typography.Title>
      {extra}
    </Flex>
  );
}
