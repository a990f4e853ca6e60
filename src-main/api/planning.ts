import type { planningContract } from '../contract/planning.ts';
import { bringAlertsUpToDate } from '../db/queries/alerts.ts';
import { readFigures } from '../db/queries/planning-figures.ts';
import { homeDashboard, homeHouseholds } from '../planning/dashboard.ts';
import { importFigures, setFigures } from '../planning/figures.ts';
import type { Handlers } from './handler.ts';

export const planningHandlers = {
  'planning.getFigures': (ctx) => ({ figures: readFigures(ctx.store.db) }),
  'planning.setFigures': (ctx, input) => ({ figures: setFigures(ctx.store.db, ctx.user, input) }),
  'planning.importFigures': (ctx, { path }) => importFigures(ctx.store.db, ctx.user, path),
  'planning.getDashboard': (ctx) => {
    bringAlertsUpToDate(ctx.store.db, ctx.today());
    return homeDashboard(ctx.store.db, ctx.today());
  },
  'planning.listHouseholds': (ctx, { drill, limit }) =>
    homeHouseholds(ctx.store.db, drill, ctx.today(), limit),
} satisfies Handlers<typeof planningContract>;
