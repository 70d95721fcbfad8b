/**
 * The local runtime: the same handlers Lambda runs, driven the way AWS drives them. Emulators on
 * loopback, the table and queues from resources.ts, an SQS event source per queue, the schedules,
 * and the HTTP API for action links. Configuration reaches the handlers only through environment
 * variables, exactly as the CDK stack passes it — there is no `if (local)` anywhere in the handlers.
 */
import { randomBytes } from 'node:crypto';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  FUNCTIONS,
  QUEUES,
  SECRETS,
  SETTINGS_ENV,
  type FunctionName,
  type QueueDefinition,
  type QueueName,
  type Trigger,
} from '../../shared/platform/resources';
import {
  emulatorEnvironment,
  LOCAL_REGION,
  localSqsClient,
  provisionResources,
  startEmulators,
  type Emulators,
  type Provisioned,
} from './emulators';
import { startHttpGateway, type HttpHandler } from './http-gateway';
import { SqsEventSource, type BatchOutcome, type SqsHandler } from './sqs-event-source';
import { scheduledEvent } from './events';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface LocalRuntimeOptions {
  /** Shorter visibility timeouts (tests); default: the definitions' 6 × function timeout. */
  visibilityTimeoutSeconds?: (queue: QueueDefinition) => number;
  /** Extra environment for the handlers (e.g. platform tokens for the demo's API fixtures). */
  env?: Record<string, string>;
  gatewayPort?: number;
  onBatch?: (queue: QueueName, outcome: BatchOutcome) => void;
}

type AnyHandler = (event: unknown, context?: unknown) => Promise<unknown>;

export class LocalRuntime {
  private readonly handlers = new Map<FunctionName, Promise<AnyHandler>>();
  private readonly sources = new Map<QueueName, SqsEventSource>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly sqs: SQSClient;

  private constructor(
    readonly emulators: Emulators,
    readonly provisioned: Provisioned,
    readonly gateway: { baseUrl: string; stop(): Promise<void> },
    readonly env: Record<string, string>,
    private readonly options: LocalRuntimeOptions,
  ) {
    this.sqs = localSqsClient(emulators);
  }

  static async start(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
    const emulators = await startEmulators();
    const provisioned = await provisionResources(emulators, { visibilityTimeoutSeconds: options.visibilityTimeoutSeconds });
    let runtime: LocalRuntime | undefined;
    const gateway = await startHttpGateway(
      FUNCTIONS['case-action'].triggers.flatMap((t) =>
        t.kind === 'http'
          ? [{ method: t.method, path: t.path, handler: () => runtime!.handler('case-action') as Promise<HttpHandler> }]
          : [],
      ),
      options.gatewayPort,
    );
    const env: Record<string, string> = {
      ...emulatorEnvironment(emulators),
      ...provisioned.env,
      [SETTINGS_ENV.senderEmail]: 'alerts@school-mention-monitor.example',
      [SETTINGS_ENV.actionBaseUrl]: `${gateway.baseUrl}/actions`,
      [SETTINGS_ENV.fetchAllowList]: '127.0.0.1',
      [SECRETS['link-signing-key'].envVar]: randomBytes(32).toString('base64'),
      [SECRETS['platform-tokens'].envVar]: '{}',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'ERROR',
      POWERTOOLS_SERVICE_NAME: 'school-mention-monitor',
      POWERTOOLS_METRICS_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...options.env,
    };
    Object.assign(process.env, env);
    runtime = new LocalRuntime(emulators, provisioned, gateway, env, options);
    return runtime;
  }

  /** Loads a handler module the way Lambda does: once, after the environment is set. */
  handler(name: FunctionName): Promise<AnyHandler> {
    let loaded = this.handlers.get(name);
    if (!loaded) {
      const entry = pathToFileURL(path.join(REPO_ROOT, FUNCTIONS[name].entry)).href;
      loaded = import(entry).then((module: { handler?: AnyHandler }) => {
        if (typeof module.handler !== 'function') throw new Error(`${FUNCTIONS[name].entry} does not export a handler`);
        return module.handler;
      });
      this.handlers.set(name, loaded);
    }
    return loaded;
  }

  async invokeScheduled(name: FunctionName, at: Date = new Date()): Promise<unknown> {
    const handler = await this.handler(name);
    return handler(scheduledEvent(name, at));
  }

  eventSource(queue: QueueName): SqsEventSource {
    let source = this.sources.get(queue);
    if (!source) {
      const provisioned = this.provisioned.queues[queue];
      const definition = QUEUES[queue];
      source = new SqsEventSource({
        client: this.sqs,
        queueUrl: provisioned.url,
        queueArn: `arn:aws:sqs:${LOCAL_REGION}:000000000000:${definition.id}`,
        region: LOCAL_REGION,
        batchSize: definition.batchSize,
        handler: async (event: SQSEvent) =>
          (await this.handler(definition.consumer))(event) as ReturnType<SqsHandler>,
        onBatch: (outcome) => this.options.onBatch?.(queue, outcome),
      });
      this.sources.set(queue, source);
    }
    return source;
  }

  async dlqDepth(queue: QueueName): Promise<number> {
    const result = await this.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: this.provisioned.queues[queue].dlqUrl,
        AttributeNames: ['ApproximateNumberOfMessages'],
      }),
    );
    return Number(result.Attributes?.ApproximateNumberOfMessages ?? 0);
  }

  /** Runs every SQS event source and every schedule until stop(). */
  startContinuous(onError: (where: string, error: unknown) => void): void {
    for (const queue of Object.keys(QUEUES) as QueueName[]) {
      this.eventSource(queue).start((error) => onError(`${queue} queue`, error));
    }
    for (const fn of Object.values(FUNCTIONS)) {
      for (const trigger of fn.triggers) {
        const run = () => this.invokeScheduled(fn.name).catch((error: unknown) => onError(fn.name, error));
        if (trigger.kind === 'schedule') this.timers.push(setInterval(run, trigger.everyMinutes * 60_000));
        if (trigger.kind === 'cron') this.scheduleCron(trigger, run);
      }
    }
  }

  /** A weekly cron (minute, hour, weekday in UTC, as EventBridge reads it): run at each occurrence. */
  private scheduleCron(trigger: Extract<Trigger, { kind: 'cron' }>, run: () => void): void {
    const delay = nextCronRun(trigger, new Date()).getTime() - Date.now();
    this.timers.push(
      setTimeout(() => {
        run();
        this.scheduleCron(trigger, run);
      }, delay),
    );
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    await Promise.all([...this.sources.values()].map((s) => s.stop()));
    await this.gateway.stop();
    this.sqs.destroy();
    await this.emulators.stop();
  }
}

const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** The next instant after `after` matching a cron trigger's minute, hour and weekday (UTC). */
export const nextCronRun = (trigger: Extract<Trigger, { kind: 'cron' }>, after: Date): Date => {
  const weekday = WEEKDAYS.indexOf(trigger.weekDay);
  const next = new Date(after);
  next.setUTCSeconds(0, 0);
  next.setUTCHours(Number(trigger.hour), Number(trigger.minute));
  for (let day = 0; day <= 7; day++) {
    const candidate = new Date(next.getTime() + day * 86_400_000);
    if (candidate > after && (weekday < 0 || candidate.getUTCDay() === weekday)) return candidate;
  }
  throw new Error(`cron trigger ${JSON.stringify(trigger)} has no next run`);
};
