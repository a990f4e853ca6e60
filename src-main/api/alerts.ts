import type { alertsContract } from '../contract/alerts.ts';
import { ApiError } from '../contract/errors.ts';
import { checkThresholds, DEFAULT_THRESHOLDS } from '../domain/alerts.ts';
import { BANK_HOLIDAYS_KNOWN_UNTIL } from '../domain/bank-holidays.ts';
import { readThresholds, writeThresholds } from '../db/queries/alerts.ts';
import { writeAudit } from '../db/queries/audit.ts';
import { refreshAllOpen } from '../db/queries/summary.ts';
import type { Handlers } from './handler.ts';

export const alertsHandlers = {
  'alerts.getThresholds': (ctx) => ({
    thresholds: readThresholds(ctx.store.db),
    defaults: { ...DEFAULT_THRESHOLDS },
    bankHolidaysUntil: BANK_HOLIDAYS_KNOWN_UNTIL,
  }),
  'alerts.setThresholds': (ctx, t) => {
    const [bad, ...more] = checkThresholds(t);
    if (bad) throw new ApiError('rule_violation', bad.message, bad.field, [bad, ...more]);
    const db = ctx.store.db;
    const old = readThresholds(db);
    db.transaction(() => {
      writeThresholds(db, t);
      writeAudit(db, {
        user: ctx.user,
        action: 'update',
        entity: 'settings',
        field: 'alerts.thresholds',
        oldValue: old,
        newValue: t,
      });
    })();
    // Every open household's next alert depends on the thresholds.
    const refreshed = refreshAllOpen(db, ctx.today());
    return { thresholds: t, refreshed };
  },
} satisfies Handlers<typeof alertsContract>;
