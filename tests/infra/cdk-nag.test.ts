import { App, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, nagPacks, type MonitorStacks } from '../../infra/app';
import { missingFunctions, TEST_SETTINGS, testApp } from './synth-app';

let app: App;
let stacks: MonitorStacks;
let synthError: unknown;
beforeAll(() => {
  app = testApp();
  // As `cdk synth` runs it: the cdk-nag packs registered as validation plugins.
  stacks = buildApp(app, TEST_SETTINGS, { nag: true });
  try {
    app.synth();
  } catch (error) {
    synthError = error;
  }
});

const acknowledgements = (root: IConstruct): { path: string; id: string; reason: string }[] =>
  root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
          path: c.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );

describe('cdk-nag (AwsSolutions and Serverless packs)', () => {
  it('the app synthesizes with the packs as validation plugins (no unacknowledged finding fails it)', () => {
    expect(synthError).toBeUndefined();
  });

  it('reports no unacknowledged error or warning', () => {
    const violations = nagPacks(new App()).flatMap((pack) =>
      pack.validateScope(app).violations.map((v) => ({
        rule: v.ruleName,
        severity: v.severity,
        at: v.violatingResources.map((r) => r.constructPath),
      })),
    );
    expect(violations).toEqual([]);
  });

  it('every acknowledgement names one rule (and one finding for IAM wildcards) and gives a specific reason', () => {
    const acks = acknowledgements(app).filter((a) => /^(AwsSolutions|Serverless)-/.test(a.id));
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.id).toMatch(/^(AwsSolutions|Serverless)-[A-Za-z0-9]+(\[[^\]]+\])?$/);
      if (ack.id.startsWith('AwsSolutions-IAM5')) expect(ack.id).toMatch(/\[(Action|Resource)::.+\]$/);
      expect(ack.reason.length).toBeGreaterThanOrEqual(30);
    }
    // Nothing is acknowledged on a whole stack or the app: only on the resource (or its construct).
    const stackPaths = [app, stacks.data, stacks.app, stacks.operations].map((s) => s.node.path);
    expect(acks.filter((a) => stackPaths.includes(a.path))).toEqual([]);
  });

  it('CDK itself reports no errors, and warnings only for handler files not written yet', () => {
    for (const stack of [stacks.data, stacks.app, stacks.operations]) {
      expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
      const warnings = Annotations.fromStack(stack)
        .findWarning('*', Match.anyValue())
        .map((w) => String(w.entry.data));
      const expected = stack === stacks.app ? missingFunctions.map((name) => expect.stringContaining(`${name} is left out`)) : [];
      expect(warnings).toEqual(expected);
    }
  });
});
