/**
 * cdk-nag acknowledgements (cdk-nag v3: CDK's native Validations.acknowledge). Each call names one
 * rule and, for rules that report several findings (IAM5 wildcards), the exact finding accepted, with
 * the reason. An acknowledgement covers the construct and its children, never the whole app.
 */
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export const acknowledge = (construct: IConstruct, ruleId: string, reason: string, finding?: string): void => {
  if (reason.length < 30) throw new Error(`Acknowledging ${ruleId} needs a real reason, got "${reason}"`);
  Validations.of(construct).acknowledge({ id: finding ? `${ruleId}[${finding}]` : ruleId, reason });
};
