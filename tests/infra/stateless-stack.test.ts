import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ESM_REQUIRE_BANNER } from '../../infra/constructs/bundling';
import {
  FUNCTIONS,
  MAIN_TABLE,
  QUEUES,
  SECRETS,
  SETTINGS_ENV,
  type FunctionName,
  type QueueName,
} from '../../shared/platform/resources';
import { logicalId, missingFunctions, presentFunctions, refersTo, resourcesOf, synthesizeApp, type SynthesizedApp } from './synth-app';

let synth: SynthesizedApp;
beforeAll(() => {
  synth = synthesizeApp({ bundle: true });
});

const fnProps = (name: FunctionName) => {
  const fn = synth.stacks.app.functions[name]!;
  return resourcesOf(synth.functions, 'AWS::Lambda::Function')[logicalId(fn.function)]!.Properties!;
};

describe('functions', () => {
  it.skipIf(missingFunctions.length > 0)('every function in resources.ts is deployed', () => {
    expect(Object.keys(synth.stacks.app.functions).sort()).toEqual(Object.keys(FUNCTIONS).sort());
  });
  if (missingFunctions.length > 0) {
    it(`leaves out the functions whose entry file does not exist yet (${missingFunctions.join(', ')})`, () => {
      expect(synth.stacks.app.missingEntries.sort()).toEqual([...missingFunctions].sort());
    });
  }

  it('every function is arm64 nodejs22.x with the memory and timeout resources.ts gives it', () => {
    const all = resourcesOf(synth.functions, 'AWS::Lambda::Function');
    expect(Object.keys(all)).toHaveLength(presentFunctions.length);
    for (const name of presentFunctions) {
      const props = fnProps(name);
      expect({ name, runtime: props.Runtime, arch: props.Architectures }).toEqual({ name, runtime: 'nodejs22.x', arch: ['arm64'] });
      expect({ name, memory: props.MemorySize, timeout: props.Timeout }).toEqual({
        name,
        memory: FUNCTIONS[name].memoryMb,
        timeout: FUNCTIONS[name].timeoutSeconds,
      });
    }
    for (const fn of Object.values(all)) {
      expect(fn.Properties!.MemorySize).toEqual(expect.any(Number));
      expect(fn.Properties!.Timeout).toEqual(expect.any(Number));
    }
  });

  it('every function has active tracing and its own log group with a 30-day retention', () => {
    const logGroups = resourcesOf(synth.functions, 'AWS::Logs::LogGroup');
    for (const name of presentFunctions) {
      const props = fnProps(name);
      expect(props.TracingConfig).toEqual({ Mode: 'Active' });
      const groupId = props.LoggingConfig.LogGroup.Ref as string;
      expect(groupId).toBe(logicalId(synth.stacks.app.functions[name]!.logGroup));
      expect(logGroups[groupId]!.Properties!.RetentionInDays).toBe(30);
    }
  });

  it('is bundled as an ES module (index.mjs) with the createRequire banner and a source map', () => {
    for (const name of presentFunctions) {
      const props = fnProps(name);
      expect(props.Handler).toBe('index.handler');
      const asset = path.join(synth.outdir, `asset.${String(props.Code.S3Key).replace(/\.zip$/, '')}`);
      const bundle = readFileSync(path.join(asset, 'index.mjs'), 'utf8');
      expect(bundle.startsWith(ESM_REQUIRE_BANNER)).toBe(true);
      expect(existsSync(path.join(asset, 'index.mjs.map'))).toBe(true);
      expect(props.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
    }
  });

  it('hands each function only the queue URLs and secret ARNs it is granted, plus the common settings', () => {
    const apiId = logicalId(synth.stacks.app.api);
    for (const name of presentFunctions) {
      const def = FUNCTIONS[name];
      const env = fnProps(name).Environment.Variables as Record<string, unknown>;
      const expected = [
        MAIN_TABLE.envVar,
        ...def.sendsTo.map((q) => QUEUES[q].envVar),
        ...def.secrets.map((s) => SECRETS[s].envVar),
        SETTINGS_ENV.senderEmail,
        SETTINGS_ENV.actionBaseUrl,
        ...(def.sendsEmail ? ['SES_CONFIGURATION_SET'] : []),
        'POWERTOOLS_SERVICE_NAME',
        'POWERTOOLS_LOG_LEVEL',
        'NODE_OPTIONS',
      ];
      expect({ name, keys: Object.keys(env).sort() }).toEqual({ name, keys: expected.sort() });
      expect(env[SETTINGS_ENV.senderEmail]).toBe('alerts@school.example');
      // Links are new URL(ACTION_BASE_URL) + ?t=token: the setting is the route's full URL.
      expect(env[SETTINGS_ENV.actionBaseUrl]).toEqual({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [apiId, 'ApiEndpoint'] }, '/actions']] });
      for (const q of def.sendsTo) {
        expect(refersTo(env[QUEUES[q].envVar], logicalId(synth.stacks.data.queues[q].queue))).toBe(true);
      }
    }
  });
});

describe('triggers', () => {
  it('every SQS event source reports batch item failures', () => {
    const mappings = Object.values(resourcesOf(synth.functions, 'AWS::Lambda::EventSourceMapping'));
    for (const mapping of mappings) expect(mapping.Properties!.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
  });

  it("each queue feeds its consumer with resources.ts's batch size, and its visibility timeout is at least 6 x the consumer's timeout", () => {
    const mappings = Object.values(resourcesOf(synth.functions, 'AWS::Lambda::EventSourceMapping'));
    const queues = resourcesOf(synth.data, 'AWS::SQS::Queue');
    const consumed = (Object.keys(QUEUES) as QueueName[]).filter((q) => presentFunctions.includes(QUEUES[q].consumer));
    expect(mappings).toHaveLength(consumed.length);
    for (const q of consumed) {
      const queueId = logicalId(synth.stacks.data.queues[q].queue);
      const mapping = mappings.find((m) => refersTo(m.Properties!.EventSourceArn, queueId));
      expect(mapping, `event source for ${q}`).toBeDefined();
      expect(mapping!.Properties!.BatchSize).toBe(QUEUES[q].batchSize);
      const consumerId = mapping!.Properties!.FunctionName.Ref as string;
      expect(consumerId).toBe(logicalId(synth.stacks.app.functions[QUEUES[q].consumer]!.function));
      const timeout = resourcesOf(synth.functions, 'AWS::Lambda::Function')[consumerId]!.Properties!.Timeout as number;
      expect(queues[queueId]!.Properties!.VisibilityTimeout).toBeGreaterThanOrEqual(6 * timeout);
    }
  });

  it('schedules and crons from resources.ts become EventBridge rules with retries and a dead-letter queue', () => {
    const rules = Object.values(resourcesOf(synth.functions, 'AWS::Events::Rule'));
    const failuresId = logicalId(synth.stacks.app.scheduleFailures);
    let expected = 0;
    for (const name of presentFunctions) {
      const fnId = logicalId(synth.stacks.app.functions[name]!.function);
      for (const trigger of FUNCTIONS[name].triggers) {
        if (trigger.kind !== 'schedule' && trigger.kind !== 'cron') continue;
        expected += 1;
        const expression =
          trigger.kind === 'schedule'
            ? `rate(${trigger.everyMinutes} ${trigger.everyMinutes === 1 ? 'minute' : 'minutes'})`
            : `cron(${trigger.minute} ${trigger.hour} ? * ${trigger.weekDay} *)`;
        const rule = rules.find((r) => r.Properties!.ScheduleExpression === expression && refersTo(r.Properties!.Targets, fnId));
        expect(rule, `${name}: ${expression}`).toBeDefined();
        expect(rule!.Properties!.Targets[0].DeadLetterConfig.Arn).toEqual({ 'Fn::GetAtt': [failuresId, 'Arn'] });
        expect(fnProps(name).DeadLetterConfig.TargetArn).toEqual({ 'Fn::GetAtt': [failuresId, 'Arn'] });
      }
    }
    expect(rules).toHaveLength(expected);
  });

  it.skipIf(!presentFunctions.includes('case-action'))('GET and POST /actions go to case-action through a throttled, access-logged HTTP API', () => {
    const routes = Object.values(resourcesOf(synth.functions, 'AWS::ApiGatewayV2::Route'));
    expect(routes.map((r) => r.Properties!.RouteKey).sort()).toEqual(['GET /actions', 'POST /actions']);
    const integrations = resourcesOf(synth.functions, 'AWS::ApiGatewayV2::Integration');
    const caseAction = logicalId(synth.stacks.app.functions['case-action']!.function);
    for (const route of routes) {
      const integrationId = Object.keys(integrations).find((id) => refersTo(route.Properties!.Target, id))!;
      expect(refersTo(integrations[integrationId]!.Properties!.IntegrationUri, caseAction)).toBe(true);
    }
    const [stage] = Object.values(resourcesOf(synth.functions, 'AWS::ApiGatewayV2::Stage'));
    expect(stage!.Properties!.DefaultRouteSettings).toEqual({ ThrottlingBurstLimit: 20, ThrottlingRateLimit: 10 });
    expect(JSON.parse(stage!.Properties!.AccessLogSettings.Format)).toHaveProperty('requestId', '$context.requestId');
  });
});
