/**
 * The classify-mentions use case: classify one new mention with its school's current keyword lists,
 * record the result on the mention, and queue an alert when it is flagged or when it is a comment on
 * one of the school's official accounts (those always get a case and a reply deadline). Safe to repeat
 * for the same mention: recording overwrites with the same result and notify-alerts opens one case
 * per mention.
 */
import type { AlertMessage } from '../domain/messages';
import type { Classification, Mention } from '../domain/model';
import type { MessageQueue } from '../domain/ports';
import { classifyMention } from './engine/classifier';
import type { ClassifierResources } from './engine/resources';
import type { SchoolContext } from './school';

export interface ClassifyDeps {
  /** The school's classification context (names, official handles, staff). */
  school(schoolId: string): Promise<SchoolContext>;
  /** Compiled rules and model for the school, at most a minute old. */
  resources(schoolId: string): Promise<ClassifierResources>;
  /** Stores the classification with the mention. */
  record(mention: Mention, classification: Classification): Promise<void>;
  alerts: MessageQueue<AlertMessage>;
}

export interface ClassifyOutcome {
  readonly classification: Classification;
  readonly alerted: boolean;
}

/** Title and body together: a headline often carries the threat. */
export const mentionText = (mention: Mention): string => (mention.title ? `${mention.title}\n${mention.text}` : mention.text);

export const classifyAndRoute = async (deps: ClassifyDeps, mention: Mention): Promise<ClassifyOutcome> => {
  const [school, resources] = await Promise.all([deps.school(mention.schoolId), deps.resources(mention.schoolId)]);
  const classification = classifyMention(resources, school, mentionText(mention));
  await deps.record(mention, classification);
  const alerted = classification.flagged || mention.isOfficialAccountComment;
  if (alerted) await deps.alerts.send([{ mention, classification }]);
  return { classification, alerted };
};
