import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { method } from '../../../src-main/contract/define.ts';
import { contract } from '../../../src-main/contract/index.ts';
import { isMethodName, loadGroup } from '../../../src-main/api/registry.ts';

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
