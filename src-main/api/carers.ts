import type { carersContract, OfstedSettings } from '../contract/carers.ts';
import * as carers from '../db/queries/carers.ts';
import * as approval from '../db/queries/carers-terms.ts';
import {
  getChildrenInCare,
  getDeregistrationMap,
  listLeavingReasons,
  saveChildrenInCare,
  saveDeregistrationMap,
} from '../db/ofsted-settings.ts';
import type { Db } from '../db/open.ts';
import { ETHNIC_GROUPS, NOT_RECORDED_KEY, NOT_RECORDED_LABEL } from '../domain/characteristics.ts';
import { DEREGISTRATION_CATEGORIES, deregistrationCategoryOf } from '../domain/ofsted.ts';
import type { AppContext } from './context.ts';
import type { Handlers } from './handler.ts';

const record = (ctx: AppContext, householdId: number) =>
  carers.getCarers(ctx.store.db, householdId, ctx.today());

function ofstedSettings(db: Db): OfstedSettings {
  const mapping = getDeregistrationMap(db);
  return {
    deregistration: listLeavingReasons(db).map((r) => ({
      reasonKey: r.key,
      reasonLabel: r.label,
      retired: r.retired,
      category: deregistrationCategoryOf(r.key, mapping),
    })),
    categories: DEREGISTRATION_CATEGORIES.map((c) => ({ ...c })),
    childrenInCare: getChildrenInCare(db),
    groups: [
      ...ETHNIC_GROUPS.map((g) => ({ key: g.key, label: g.label })),
      { key: NOT_RECORDED_KEY, label: NOT_RECORDED_LABEL },
    ],
  };
}

export const carersHandlers = {
  'carers.getCarers': (ctx, { householdId }) => record(ctx, householdId),
  'carers.savePerson': (ctx, { householdId, id, position, person }) => {
    carers.savePerson(ctx.store.db, ctx.user, { householdId, id, position, person }, ctx.today());
    return record(ctx, householdId);
  },
  'carers.recordPersonLeft': (ctx, input) => {
    carers.recordPersonLeft(ctx.store.db, ctx.user, input, ctx.today());
    return record(ctx, input.householdId);
  },
  'carers.deletePerson': (ctx, input) => {
    carers.deletePerson(ctx.store.db, ctx.user, input);
    return record(ctx, input.householdId);
  },
  'carers.saveTerms': (ctx, { householdId, ...terms }) => {
    approval.saveTerms(ctx.store.db, ctx.user, { householdId, terms });
    return record(ctx, householdId);
  },
  'carers.addPlaceChange': (ctx, input) => {
    approval.addPlaceChange(ctx.store.db, ctx.user, input, ctx.today());
    return record(ctx, input.householdId);
  },
  'carers.deletePlaceChange': (ctx, input) => {
    approval.deletePlaceChange(ctx.store.db, ctx.user, input);
    return record(ctx, input.householdId);
  },
  'carers.getOfstedSettings': (ctx) => ofstedSettings(ctx.store.db),
  'carers.saveOfstedSettings': (ctx, { deregistration, childrenInCare }) => {
    if (deregistration) saveDeregistrationMap(ctx.store.db, ctx.user, deregistration);
    if (childrenInCare) saveChildrenInCare(ctx.store.db, ctx.user, childrenInCare);
    return ofstedSettings(ctx.store.db);
  },
} satisfies Handlers<typeof carersContract>;
