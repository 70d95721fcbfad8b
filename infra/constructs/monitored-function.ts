/**
 * The one way this app builds a Lambda function: NodejsFunction bundled locally with esbuild (no
 * Docker), arm64, Node 22, memory and timeout from resources.ts, its own log group with a retention,
 * active X-Ray tracing, source maps, and an execution role that starts empty (no AWS managed policy):
 * it may write to its own log group and nothing else until the stack grants what resources.ts declares.
 */
import path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionDefinition } from '../../shared/platform/resources';
import { BUNDLE_OPTIONS } from './bundling';
import { acknowledge } from './nag';

export interface MonitoredFunctionProps {
  definition: FunctionDefinition;
  /** The repository root: entries in resources.ts are relative to it. */
  projectRoot: string;
  environment: Record<string, string>;
  logRetention: logs.RetentionDays;
  /** Where Lambda puts an asynchronous invocation (a schedule) that failed all its retries. */
  deadLetterQueue?: sqs.IQueue;
}

export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_22_X;
export const LAMBDA_ARCHITECTURE = lambda.Architecture.ARM_64;

export class MonitoredFunction extends Construct {
  readonly definition: FunctionDefinition;
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: MonitoredFunctionProps) {
    super(scope, id);
    const def = props.definition;
    this.definition = def;

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${def.name}: only what shared/platform/resources.ts declares`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(props.projectRoot, def.entry),
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: path.join(props.projectRoot, 'package-lock.json'),
      description: def.description,
      runtime: LAMBDA_RUNTIME,
      architecture: LAMBDA_ARCHITECTURE,
      memorySize: def.memoryMb,
      timeout: Duration.seconds(def.timeoutSeconds),
      role: this.role,
      logGroup: this.logGroup,
      tracing: lambda.Tracing.ACTIVE,
      environment: props.environment,
      deadLetterQueue: props.deadLetterQueue,
      bundling: {
        format: BUNDLE_OPTIONS.format === 'esm' ? OutputFormat.ESM : OutputFormat.CJS,
        target: BUNDLE_OPTIONS.target,
        minify: BUNDLE_OPTIONS.minify,
        sourceMap: BUNDLE_OPTIONS.sourcemap,
        sourcesContent: BUNDLE_OPTIONS.sourcesContent,
        banner: BUNDLE_OPTIONS.banner,
        mainFields: [...BUNDLE_OPTIONS.mainFields],
        externalModules: [...BUNDLE_OPTIONS.external],
        forceDockerBundling: false,
        logLevel: LogLevel.WARNING,
      },
    });

    acknowledge(
      this.role,
      'AwsSolutions-IAM5',
      'X-Ray PutTraceSegments/PutTelemetryRecords have no resource-level permissions: AWS only accepts "*" for them.',
      'Resource::*',
    );
    acknowledge(
      this.function,
      'AwsSolutions-L1',
      'Pinned to nodejs22.x on purpose: the code is tested on Node 20 and 22; moving to 24 is a tested change, not a drift.',
    );
    acknowledge(
      this.function,
      'Serverless-LambdaLatestVersion',
      'Pinned to nodejs22.x on purpose: the code is tested on Node 20 and 22; moving to 24 is a tested change, not a drift.',
    );
    if (!props.deadLetterQueue) {
      acknowledge(
        this.function,
        'Serverless-LambdaDLQ',
        'Never invoked asynchronously: an SQS event source or API Gateway calls it synchronously; failed queue messages go to the queue redrive DLQ, HTTP errors go back to the caller.',
      );
    }
  }
}
