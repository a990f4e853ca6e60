import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { method } from '../../../src-main/contract/define.ts';
import { contract } from '../../../src-main/contract/index.ts';
import { isMethodName, loadGroup } from '../../../src-main/api/registry.ts';
import { DEREGISTRATION_CATEGORIES } from '../../../src-main/domain/ofsted.ts';

describe('the API contract', () => {
  it('names every method group.verbNoun', () => {
    const names = Object.keys(contract);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/^[a-z]+\.[a-z]+[A-Z][A-Za-z]*$/);
  });

  it('gives every method a runtime input schema', () => {
    for (const [name, spec] of Object.entries(contract)) {
      expect(typeof spec.input.safeParse, name).toBe('function');
    }
  });
});

/**
 * What in a method's input is unbounded: an object taking keys it does not name, or a text or list
 * with no longest length (a call of 1 MB, the bridge's limit, could hold one 1 MB path or 200,000
 * copies of a report's name, each then worked on). Numbers need no check: zod refuses NaN and
 * Infinity, and a whole number is a safe integer. Read from zod's own definitions (`def`).
 */
function unbounded(schema: z.ZodType, path: string, found: string[] = []): string[] {
  const def = schema.def as unknown as Record<string, unknown> & { type: string };
  const checks = ((def.checks ?? []) as Array<{ _zod: { def: { check: string } } }>).map(
    (c) => c._zod.def.check,
  );
  const hasMax = checks.some((c) => ['max_length', 'length_equals', 'string_format'].includes(c));
  const inner = (key: string, at = path) => unbounded(def[key] as z.ZodType, at, found);
  switch (def.type) {
    case 'object': {
      const catchall = def.catchall as z.ZodType | undefined;
      if (catchall?.def.type !== 'never') found.push(`${path}: takes unknown keys`);
      for (const [k, v] of Object.entries(def.shape as Record<string, z.ZodType>))
        unbounded(v, `${path}.${k}`, found);
      break;
    }
    case 'string':
      if (!hasMax) found.push(`${path}: text with no longest length`);
      break;
    case 'array':
      if (!hasMax) found.push(`${path}: list with no longest length`);
      inner('element', `${path}[]`);
      break;
    case 'record':
      // zod has no most-entries check of its own: a refine (a custom check) stands for it.
      if (!checks.includes('custom')) found.push(`${path}: record with no most entries`);
      inner('keyType', `${path}{key}`);
      inner('valueType', `${path}{}`);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
      inner('innerType');
      break;
    case 'pipe':
      inner('in');
      break;
    case 'union':
      (def.options as z.ZodType[]).forEach((o) => unbounded(o, path, found));
      break;
    case 'number':
    case 'boolean':
    case 'enum':
    case 'literal':
    case 'null':
    case 'transform':
      break;
    default:
      found.push(`${path}: a ${def.type} this check does not know`);
  }
  return found;
}

describe('every method’s input is bounded', () => {
  it('refuses unknown keys, and gives every text and list a longest length', () => {
    const found = Object.entries(contract).flatMap(([name, spec]) => unbounded(spec.input, name));
    expect(found).toEqual([]);
  });

  it('refuses a report asked for thousands of times over, or a path longer than any system allows', () => {
    const options = {};
    expect(
      contract['reports.exportTable'].input.safeParse({ tables: ['funnel'], options, format: 'csv' }).success,
    ).toBe(true);
    const many = Array.from({ length: 10_000 }, () => 'funnel');
    expect(
      contract['reports.exportTable'].input.safeParse({ tables: many, options, format: 'csv' }).success,
    ).toBe(false);
    expect(contract['system.openDatabase'].input.safeParse({ path: `/${'a'.repeat(5000)}.db` }).success).toBe(
      false,
    );
  });

  it('refuses an Ofsted mapping of more entries than there are leaving reasons or ethnic groups', () => {
    const save = contract['carers.saveOfstedSettings'].input;
    const mapping = (n: number) =>
      Object.fromEntries(
        Array.from({ length: n }, (_, i) => [`reason-${i}`, DEREGISTRATION_CATEGORIES[0]!.key]),
      );
    expect(save.safeParse({ deregistration: mapping(1000) }).success).toBe(true);
    const many = save.safeParse({ deregistration: mapping(20_000) });
    expect(many.success).toBe(false);
    expect(many.error?.issues[0]).toMatchObject({
      path: ['deregistration'],
      message: 'At most 1,000 entries.',
    });
  });
});

describe('the dispatcher’s method groups (loaded on first call)', () => {
  it('serves every method of the contract from its group, with the same schema and a handler', async () => {
    for (const [name, spec] of Object.entries(contract)) {
      const group = await loadGroup(name.split('.')[0]!);
      expect(group, name).toBeDefined();
      expect(group!.contract[name], name).toBe(spec);
      expect(typeof group!.handlers[name], name).toBe('function');
      expect(await isMethodName(name), name).toBe(true);
    }
  });

  it('serves nothing the contract does not name', async () => {
    const groups = [...new Set(Object.keys(contract).map((n) => n.split('.')[0]!))];
    for (const g of groups) {
      const group = (await loadGroup(g))!;
      for (const name of Object.keys(group.contract)) {
        if (name.startsWith(`${g}.`)) expect(Object.hasOwn(contract, name), name).toBe(true);
      }
      for (const name of Object.keys(group.handlers)) expect(Object.hasOwn(contract, name), name).toBe(true);
    }
  });

  it('knows no method outside the contract', async () => {
    for (const name of ['system.nothing', 'nothing.getStatus', '__proto__.x', 'constructor', '', 'system']) {
      expect(await isMethodName(name), name).toBe(false);
    }
  });
});

describe('a method’s schema', () => {
  it('is made when first read, and once', () => {
    let made = 0;
    const spec = method<number>()(() => {
      made++;
      return z.object({}).strict();
    });
    expect(made).toBe(0);
    expect(spec.input).toBe(spec.input);
    expect(made).toBe(1);
  });
});
