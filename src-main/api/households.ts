import type { householdsContract } from '../contract/households.ts';
import { fyOf } from '../domain/financial-year.ts';
import { nextAlertLabel } from '../domain/alerts.ts';
import type { HouseholdListRow } from '../domain/household-records.ts';
import { sourceLabel } from '../domain/sources.ts';
import {
  currentStageLabel,
  EXIT_INTERVIEW_STATUS_LABELS,
  PATHWAY_LABELS,
  STATUS_LABELS,
} from '../domain/stages.ts';
import { dateCell, toCsv, xlsxSheet, xlsxWorkbook, type Cell } from '../export/safe-cells.ts';
import { bringAlertsUpToDate } from '../db/queries/alerts.ts';
import { getRecord, timeline } from '../db/queries/households.ts';
import * as endings from '../db/queries/households-endings.ts';
import * as journey from '../db/queries/households-journey.ts';
import { mergeHouseholds } from '../db/queries/households-merge.ts';
import { ApiError } from '../contract/errors.ts';
import {
  dashboard,
  findDuplicates,
  iterateList,
  listHouseholds,
  pipeline,
} from '../db/queries/households-list.ts';
import type { AppContext } from './context.ts';
import type { Handlers } from './handler.ts';
import {
  endingExitInterviewReader,
  householdIdByReference,
  panelMinutesReader,
} from '../db/queries/household-lookups.ts';

const actor = (ctx: AppContext): journey.Actor => ({ db: ctx.store.db, user: ctx.user, today: ctx.today() });
const record = (ctx: AppContext, id: number) => getRecord(ctx.store.db, id, ctx.today());

const EXPORT_HEADER = [
  'Reference',
  'Name',
  'Email',
  'Telephone',
  'Pathway',
  'Status',
  'Current stage',
  'Stage date',
  'Days in stage',
  'Source',
  'Enquiry date',
  'Enquiry year',
  'Reason (closed or ceased)',
  'Next alert',
  'Alert due',
  'Overdue',
  'Exit interview',
  'Interview notes',
  'Might return',
];

/**
 * A household's next alert in its record's words (a decision after panel says what it counts from),
 * for the list's page and its export alike.
 */
function alertWordsReader(db: AppContext['store']['db']): (r: HouseholdListRow) => string {
  const minutes = panelMinutesReader(db);
  return (r) => (r.nextAlert ? nextAlertLabel(r.nextAlert, () => minutes(r.id)) : '');
}

export const householdsHandlers = {
  'households.listHouseholds': (ctx, { offset, limit, ...filter }) => {
    bringAlertsUpToDate(ctx.store.db, ctx.today());
    const { total, rows } = listHouseholds(ctx.store.db, filter, { offset, limit }, ctx.today());
    const words = alertWordsReader(ctx.store.db);
    for (const r of rows) if (r.nextAlert) r.nextAlertWords = words(r);
    return { offset, total, rows };
  },

  'households.exportList': (ctx, { format, ...filter }) => {
    bringAlertsUpToDate(ctx.store.db, ctx.today());
    const rows: Cell[][] = [EXPORT_HEADER];
    // The exit interview after a closed or ceased household's ending, for managers reading why they left.
    const interview = endingExitInterviewReader(ctx.store.db);
    const alertWords = alertWordsReader(ctx.store.db);
    for (const r of iterateList(ctx.store.db, filter, ctx.today())) {
      const i = r.status === 'closed' || r.status === 'ceased' ? interview(r.id) : undefined;
      rows.push([
        r.reference,
        r.name,
        r.email,
        r.telephone,
        PATHWAY_LABELS[r.pathway],
        STATUS_LABELS[r.status],
        currentStageLabel(r.stage),
        dateCell(r.stageDate),
        r.daysInStage,
        sourceLabel(r.source),
        dateCell(r.enquiryDate),
        r.enquiryDate ? fyOf(r.enquiryDate) : '',
        r.reason,
        alertWords(r),
        dateCell(r.nextAlertDate),
        r.overdue ? 'Yes' : '',
        i ? EXIT_INTERVIEW_STATUS_LABELS[i.status] : '',
        i?.notes ?? '',
        i?.might_return === 1 ? 'Yes' : i?.might_return === 0 ? 'No' : '',
      ]);
    }
    const stamp = ctx.today();
    if (format === 'csv') {
      return {
        fileName: `households-${stamp}.csv`,
        mime: 'text/csv',
        base64: Buffer.from(toCsv(rows), 'utf8').toString('base64'),
        rows: rows.length - 1,
      };
    }
    const bytes = xlsxWorkbook([{ name: 'Households', sheet: xlsxSheet(rows) }]);
    return {
      fileName: `households-${stamp}.xlsx`,
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: bytes.toString('base64'),
      rows: rows.length - 1,
    };
  },

  'households.getPipeline': (ctx, { pathway, limit }) => {
    bringAlertsUpToDate(ctx.store.db, ctx.today());
    return pipeline(ctx.store.db, pathway, limit, ctx.today());
  },

  'households.getDashboard': (ctx, { pathway }) => {
    bringAlertsUpToDate(ctx.store.db, ctx.today());
    return dashboard(ctx.store.db, pathway);
  },

  'households.getHousehold': (ctx, { id }) => record(ctx, id),
  'households.getTimeline': (ctx, { id }) => timeline(ctx.store.db, id),
  'households.findDuplicates': (ctx, { excludeId, ...h }) => findDuplicates(ctx.store.db, h, excludeId),

  'households.createHousehold': (ctx, h) =>
    journey.createHousehold(actor(ctx), { ...h, reference: h.reference ?? null }),

  'households.updateDetails': (ctx, { id, ...changes }) => {
    journey.updateDetails(actor(ctx), id, changes);
    return record(ctx, id);
  },
  'households.recordMilestone': (ctx, { id, kind, date }) => {
    journey.recordMilestone(actor(ctx), id, kind, date);
    return record(ctx, id);
  },
  'households.correctMilestone': (ctx, { id, kind, date, reason, episode }) => {
    journey.correctMilestone(actor(ctx), id, kind, date, reason, episode);
    return record(ctx, id);
  },
  'households.removeMilestone': (ctx, { id, kind, reason }) => {
    journey.removeMilestone(actor(ctx), id, kind, reason);
    return record(ctx, id);
  },
  'households.recordResponse': (ctx, { id, date, correctionReason }) => {
    journey.recordResponse(actor(ctx), id, date, correctionReason ?? null);
    return record(ctx, id);
  },
  'households.closeHousehold': (ctx, { id, ...c }) => {
    endings.closeHousehold(actor(ctx), id, c);
    return record(ctx, id);
  },
  'households.reopenHousehold': (ctx, { id, enquiryDate, notes }) => {
    endings.reopenHousehold(actor(ctx), id, enquiryDate, notes);
    return record(ctx, id);
  },
  'households.ceaseHousehold': (ctx, { id, ...c }) => {
    endings.ceaseHousehold(actor(ctx), id, c);
    return record(ctx, id);
  },
  'households.correctCessation': (ctx, { id, because, ...c }) => {
    endings.correctCessation(actor(ctx), id, c, because);
    return record(ctx, id);
  },
  'households.removeCessation': (ctx, { id, reason }) => {
    endings.removeCessation(actor(ctx), id, reason);
    return record(ctx, id);
  },
  'households.removeClosure': (ctx, { id, reason }) => {
    endings.removeClosure(actor(ctx), id, reason);
    return record(ctx, id);
  },
  'households.correctClosure': (ctx, { id, because, ...c }) => {
    endings.correctClosure(actor(ctx), id, c, because);
    return record(ctx, id);
  },
  'households.saveExitInterview': (ctx, { id, ...i }) => {
    endings.saveExitInterview(actor(ctx), id, i);
    return record(ctx, id);
  },
  'households.switchPathway': (ctx, { id, pathway, date }) => {
    endings.switchPathway(actor(ctx), id, pathway, date);
    return record(ctx, id);
  },
  'households.mergeHouseholds': (ctx, { id, mergeReference, reason, dryRun }) => {
    const mergeId = householdIdByReference(ctx.store.db, mergeReference, 'nocase', 'mergeReference');
    if (mergeId === undefined) {
      throw new ApiError(
        'not_found',
        `There is no household with reference ${mergeReference}.`,
        'mergeReference',
      );
    }
    const mergedReference = mergeHouseholds(actor(ctx), id, mergeId, reason, dryRun === true);
    return { ...record(ctx, id), mergedReference };
  },
} satisfies Handlers<typeof householdsContract>;
