import { z } from 'zod';
import { method } from './define.ts';
import type { AlertThresholds } from '../domain/alerts.ts';

export type { AlertThresholds };
export { ALERT_LABELS, ALERT_KINDS, type AlertKind } from '../domain/alerts.ts';

const n = z.number().int().min(1).max(520);

export const alertsContract = {
  'alerts.getThresholds': method<{
    thresholds: AlertThresholds;
    defaults: AlertThresholds;
    bankHolidaysUntil: string;
  }>()(() => z.object({}).strict()),
  'alerts.setThresholds': method<{ thresholds: AlertThresholds; refreshed: number }>()(() =>
    z
      .object({
        respondWorkingDays: n,
        initialVisitWorkingDays: n,
        stage1Months: n,
        applicationToPanelMonths: n,
        panelToDecisionWorkingDays: n,
        kinshipFirstWeeks: n,
        kinshipFinalWeeks: n,
      })
      .strict(),
  ),
} as const;
