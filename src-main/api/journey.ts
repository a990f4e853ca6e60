import type { journeyContract } from '../contract/journey.ts';
import { DEFAULT_APPLICATION_BASIS } from '../domain/journey-dates.ts';
import { readApplicationBasis, writeApplicationBasis } from '../db/journey-dates.ts';
import { writeAudit } from '../db/queries/audit.ts';
import { getRecord } from '../db/queries/households.ts';
import { recordJourneyDate, removeJourneyDate } from '../db/queries/households-journey.ts';
import { refreshAllOpen } from '../db/queries/summary.ts';
import type { AppContext } from './context.ts';
import type { Handlers } from './handler.ts';

const actor = (ctx: AppContext) => ({ db: ctx.store.db, user: ctx.user, today: ctx.today() });

export const journeyHandlers = {
  'households.recordJourneyDate': (ctx, i) => {
    recordJourneyDate(
      actor(ctx),
      i.id,
      i.kind,
      { date: i.date, detail: i.result ?? null, reason: i.extensionReason, weeks: i.extensionWeeks },
      i.correctionReason,
    );
    return getRecord(ctx.store.db, i.id, ctx.today());
  },
  'households.removeJourneyDate': (ctx, i) => {
    removeJourneyDate(actor(ctx), i.id, i.kind, i.reason);
    return getRecord(ctx.store.db, i.id, ctx.today());
  },
  'alerts.getApplicationBasis': (ctx) => ({
    basis: readApplicationBasis(ctx.store.db),
    default: DEFAULT_APPLICATION_BASIS,
  }),
  'alerts.setApplicationBasis': (ctx, { basis }) => {
    const db = ctx.store.db;
    const old = readApplicationBasis(db);
    db.transaction(() => {
      writeApplicationBasis(db, basis);
      writeAudit(db, {
        user: ctx.user,
        action: 'update',
        entity: 'settings',
        field: 'journey.application_received',
        oldValue: old,
        newValue: basis,
      });
    })();
    // Every open household's 8-month alert counts from it.
    return { basis, refreshed: refreshAllOpen(db, ctx.today()) };
  },
} satisfies Handlers<typeof journeyContract>;
