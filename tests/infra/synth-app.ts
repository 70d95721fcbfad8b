/**
 * Builds and synthesizes the real CDK app once (per test file): the same buildApp() that
 * infra/app.ts runs, with fixed settings, so template tests never depend on a developer's context.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { buildApp, PROJECT_ROOT, type MonitorSettings, type MonitorStacks } from '../../infra/app';
import { FUNCTIONS, type FunctionName } from '../../shared/platform/resources';

export const TEST_SETTINGS: MonitorSettings = {
  stackPrefix: 'Test',
  senderEmail: 'alerts@school.example',
  senderDomain: 'school.example',
  adminEmail: 'it@school.example',
  sandboxRecipients: [],
  logRetention: RetentionDays.ONE_MONTH,
  logLevel: 'INFO',
  apiThrottle: { rateLimit: 10, burstLimit: 20 },
};

/** Handlers are written in parallel with the stack; until an entry exists the app leaves it out. */
export const presentFunctions = (Object.keys(FUNCTIONS) as FunctionName[]).filter((name) =>
  existsSync(path.join(PROJECT_ROOT, FUNCTIONS[name].entry)),
);
export const missingFunctions = (Object.keys(FUNCTIONS) as FunctionName[]).filter(
  (name) => !presentFunctions.includes(name),
);

export interface SynthesizedApp {
  app: App;
  stacks: MonitorStacks;
  data: Template;
  functions: Template;
  operations: Template;
  outdir: string;
}

/**
 * Bundling the functions is most of a synth's time; only the test that inspects the bundles needs
 * them, the others ask CDK to skip bundling (the same switch `cdk deploy --exclusively` uses).
 */
export const testApp = (options: { bundle?: boolean } = {}): App =>
  new App(options.bundle ? {} : { context: { 'aws:cdk:bundling-stacks': [] } });

export const synthesizeApp = (options: { nag?: boolean; bundle?: boolean } = {}): SynthesizedApp => {
  const app = testApp(options);
  const stacks = buildApp(app, TEST_SETTINGS, { nag: options.nag ?? false });
  const assembly = app.synth();
  return {
    app,
    stacks,
    data: Template.fromStack(stacks.data),
    functions: Template.fromStack(stacks.app),
    operations: Template.fromStack(stacks.operations),
    outdir: assembly.directory,
  };
};

export const logicalId = (construct: { node: { defaultChild?: unknown } } | object): string => {
  const node = (construct as { node: { defaultChild?: unknown } }).node;
  const cfn = (node.defaultChild ?? construct) as never;
  return Stack.of(construct as never).getLogicalId(cfn);
};

/** True when a (possibly cross-stack) CloudFormation value points at the resource with this logical id. */
export const refersTo = (value: unknown, id: string): boolean => JSON.stringify(value).includes(id);

export type Resources = Record<string, { Type: string; Properties?: Record<string, any>; DeletionPolicy?: string }>;

export const resourcesOf = (template: Template, type: string): Resources =>
  template.findResources(type) as Resources;
