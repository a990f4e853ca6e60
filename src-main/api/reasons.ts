import type { reasonsContract } from '../contract/reasons.ts';
import { addReason, listReasons, moveReason, retireReason, updateReason } from '../db/queries/reasons.ts';
import type { Handlers } from './handler.ts';

export const reasonsHandlers = {
  'reasons.listReasons': (ctx, { list, includeRetired }) => listReasons(ctx.store.db, list, includeRetired),
  'reasons.addReason': (ctx, r) => {
    addReason(ctx.store.db, ctx.user, r);
    return listReasons(ctx.store.db, r.list, true);
  },
  'reasons.updateReason': (ctx, r) => {
    updateReason(ctx.store.db, ctx.user, r);
    return listReasons(ctx.store.db, r.list, true);
  },
  'reasons.moveReason': (ctx, { list, key, direction }) => {
    moveReason(ctx.store.db, ctx.user, list, key, direction);
    return listReasons(ctx.store.db, list, true);
  },
  'reasons.retireReason': (ctx, { list, key, retired }) => {
    retireReason(ctx.store.db, ctx.user, list, key, retired);
    return listReasons(ctx.store.db, list, true);
  },
} satisfies Handlers<typeof reasonsContract>;
