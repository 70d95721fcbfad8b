import { beforeAll, describe, expect, it } from 'vitest';
import type { Template } from 'aws-cdk-lib/assertions';
import { FUNCTIONS, QUEUES, type FunctionName, type QueueName } from '../../shared/platform/resources';
import { logicalId, presentFunctions, refersTo, resourcesOf, synthesizeApp, type SynthesizedApp } from './synth-app';

let synth: SynthesizedApp;
beforeAll(() => {
  synth = synthesizeApp();
});

interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource?: unknown;
  Principal?: unknown;
  Condition?: unknown;
}

const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Allow statements of IAM identity policies (AWS::IAM::Policy and inline role policies), by resource id. */
const identityStatements = (template: Template): [string, Statement][] => [
  ...Object.entries(resourcesOf(template, 'AWS::IAM::Policy')).flatMap(([id, p]) =>
    (p.Properties!.PolicyDocument.Statement as Statement[]).map((s): [string, Statement] => [id, s]),
  ),
  ...Object.entries(resourcesOf(template, 'AWS::IAM::Role')).flatMap(([id, r]) =>
    list(r.Properties!.Policies as { PolicyDocument: { Statement: Statement[] } }[]).flatMap((p) =>
      p.PolicyDocument.Statement.map((s): [string, Statement] => [id, s]),
    ),
  ),
];

/**
 * The only identity-policy statements allowed to name Resource "*", because AWS defines no resource
 * type for these actions (the Service Authorization Reference lists them with no resource).
 */
const STAR_RESOURCE_ALLOW_LIST: Record<string, string> = {
  'xray:PutTraceSegments': 'X-Ray accepts trace segments for the account; the action has no resource-level permissions',
  'xray:PutTelemetryRecords': 'X-Ray daemon telemetry; the action has no resource-level permissions',
};

const templates = (): [string, Template][] => [
  ['data', synth.data],
  ['functions', synth.functions],
  ['operations', synth.operations],
];

describe('IAM policies', () => {
  it('no Allow statement anywhere grants "*" or "service:*" actions (KMS key admin by the account root aside)', () => {
    for (const [name, template] of templates()) {
      for (const [id, s] of identityStatements(template)) {
        if (s.Effect !== 'Allow') continue;
        for (const action of list(s.Action)) expect({ name, id, action }).not.toEqual({ name, id, action: expect.stringMatching(/^(\*|[a-z0-9-]+:\*)$/) });
      }
      for (const [id, key] of Object.entries(resourcesOf(template, 'AWS::KMS::Key'))) {
        for (const s of key.Properties!.KeyPolicy.Statement as Statement[]) {
          const wide = list(s.Action).some((a) => a === '*' || a === 'kms:*');
          if (!wide) continue;
          // The default key policy: the account (root) administers the key, so IAM policies can grant use.
          expect({ id, principal: s.Principal }).toEqual({
            id,
            principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] } },
          });
        }
      }
    }
  });

  it('Resource "*" appears only on the allow-listed actions that have no narrower resource', () => {
    const seen = new Set<string>();
    for (const [name, template] of templates()) {
      for (const [id, s] of identityStatements(template)) {
        if (s.Effect !== 'Allow' || !list(s.Resource).includes('*')) continue;
        for (const action of list(s.Action)) {
          expect({ name, id, action, allowListed: action in STAR_RESOURCE_ALLOW_LIST }).toEqual({ name, id, action, allowListed: true });
          seen.add(action);
        }
      }
    }
    // The allow-list carries no dead entries: each one is still needed by the template.
    expect([...seen].sort()).toEqual(Object.keys(STAR_RESOURCE_ALLOW_LIST).sort());
  });

  // In a KMS key policy, Resource "*" means the key the policy is attached to, so key policies are
  // checked for wide actions above, not for "*" resources.
  it('queue and topic policies never name Resource "*" and allow nothing to any principal', () => {
    for (const [, template] of templates()) {
      for (const type of ['AWS::SQS::QueuePolicy', 'AWS::SNS::TopicPolicy']) {
        for (const policy of Object.values(resourcesOf(template, type))) {
          for (const s of policy.Properties!.PolicyDocument.Statement as Statement[]) {
            expect(list(s.Resource)).not.toContain('*');
            // Any-principal statements are only the deny-without-TLS guards.
            if (JSON.stringify(s.Principal) === '{"AWS":"*"}') expect(s.Effect).toBe('Deny');
          }
        }
      }
    }
  });
});

describe('each function gets exactly what resources.ts declares', () => {
  const statementsOf = (name: FunctionName): Statement[] => {
    const roleId = logicalId(synth.stacks.app.functions[name]!.role);
    return identityStatements(synth.functions)
      .filter(([id]) => id === roleId || resourcesOf(synth.functions, 'AWS::IAM::Policy')[id]?.Properties!.Roles.some((r: unknown) => refersTo(r, roleId)))
      .map(([, s]) => s);
  };
  const statementsOfChecked = (name: FunctionName): Statement[] => {
    const statements = statementsOf(name);
    // Logs, X-Ray and the table at least: an empty list would make every check below vacuous.
    expect(statements.length, name).toBeGreaterThanOrEqual(3);
    return statements;
  };
  const actionsOn = (statements: Statement[], action: string) =>
    statements.filter((s) => s.Effect === 'Allow' && list(s.Action).includes(action)).flatMap((s) => list(s.Resource));

  it('sends only to its sendsTo queues and consumes only the queue that triggers it', () => {
    for (const name of presentFunctions) {
      const statements = statementsOfChecked(name);
      for (const q of Object.keys(QUEUES) as QueueName[]) {
        const queueId = logicalId(synth.stacks.data.queues[q].queue);
        const canSend = actionsOn(statements, 'sqs:SendMessage').some((r) => refersTo(r, queueId));
        const canReceive = actionsOn(statements, 'sqs:ReceiveMessage').some((r) => refersTo(r, queueId));
        expect({ name, q, canSend }).toEqual({ name, q, canSend: FUNCTIONS[name].sendsTo.includes(q) });
        expect({ name, q, canReceive }).toEqual({ name, q, canReceive: QUEUES[q].consumer === name });
      }
      const anyDlqAccess = Object.values(synth.stacks.data.queues).some(({ dlq }) => refersTo(statements, logicalId(dlq)));
      expect({ name, anyDlqAccess }).toEqual({ name, anyDlqAccess: false });
    }
  });

  it('writes to the table only when declared "write", and names the table and its indexes, not index/*', () => {
    for (const name of presentFunctions) {
      const statements = statementsOfChecked(name);
      const writes = actionsOn(statements, 'dynamodb:PutItem').length > 0;
      expect({ name, writes }).toEqual({ name, writes: FUNCTIONS[name].table === 'write' });
      expect(JSON.stringify(actionsOn(statements, 'dynamodb:Query'))).not.toContain('index/*');
    }
  });

  it('may send email only when declared, and only through the sender identity and configuration set', () => {
    const identityId = logicalId(synth.stacks.data.emailIdentity);
    const configSetId = logicalId(synth.stacks.data.configurationSet);
    for (const name of presentFunctions) {
      const resources = actionsOn(statementsOfChecked(name), 'ses:SendEmail');
      if (!FUNCTIONS[name].sendsEmail) {
        expect({ name, resources }).toEqual({ name, resources: [] });
        continue;
      }
      expect(resources).toHaveLength(2);
      expect(resources.some((r) => refersTo(r, identityId) && JSON.stringify(r).includes(':identity/'))).toBe(true);
      expect(resources.some((r) => refersTo(r, configSetId) && JSON.stringify(r).includes(':configuration-set/'))).toBe(true);
    }
  });

  it('reads only its own secrets', () => {
    for (const name of presentFunctions) {
      const readable = actionsOn(statementsOfChecked(name), 'secretsmanager:GetSecretValue');
      for (const [secretName, secret] of Object.entries(synth.stacks.data.secrets)) {
        const canRead = readable.some((r) => refersTo(r, logicalId(secret)));
        expect({ name, secretName, canRead }).toEqual({
          name,
          secretName,
          canRead: (FUNCTIONS[name].secrets as readonly string[]).includes(secretName),
        });
      }
    }
  });
});
