/**
 * The domain model. Multi-school from day one: one deployment serves a whole trust or local
 * authority, so every record carries its school id. Schemas are zod so that configuration, events
 * and stored items are validated at the edges with messages that name the bad field.
 */
import * as z from 'zod';
import { CATEGORY_IDS, LADDER_STEPS, SEVERITIES } from './policy';

export const CategoryIdSchema = z.enum(CATEGORY_IDS);
export const SeveritySchema = z.enum(SEVERITIES);
export const LadderStepSchema = z.enum(LADDER_STEPS);

const isoInstant = z.iso.datetime({ offset: true });
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM (24-hour)');
const idString = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected lower-case letters, digits and dashes');

export const CONTACT_ROLES = [
  'headteacher',
  'deputy',
  'dsl',
  'business_manager',
  'administrator',
  'moderator',
  'escalation',
] as const;
export const ContactRoleSchema = z.enum(CONTACT_ROLES);
export type ContactRole = z.infer<typeof ContactRoleSchema>;

export const ContactSchema = z.object({
  name: z.string().min(1),
  email: z.email(),
  roles: z.array(ContactRoleSchema).min(1),
});
export type Contact = z.infer<typeof ContactSchema>;

export const StaffMemberSchema = z.object({
  name: z.string().min(1),
  title: z.string().optional(),
  role: z.string().optional(),
});
export type StaffMember = z.infer<typeof StaffMemberSchema>;

export const PLATFORMS = ['web', 'news', 'reddit', 'mastodon', 'youtube', 'facebook', 'instagram', 'x'] as const;
export const PlatformSchema = z.enum(PLATFORMS);
export type Platform = z.infer<typeof PlatformSchema>;

export const OfficialHandleSchema = z.object({
  platform: PlatformSchema,
  handle: z.string().min(1),
});

/** Routing keys: a category, an unflagged official-account comment, or any critical alert (added on top). */
export const ALERT_ROUTE_KEYS = [...CATEGORY_IDS, 'official_comment', 'critical'] as const;
export const AlertRouteKeySchema = z.enum(ALERT_ROUTE_KEYS);
export type AlertRouteKey = z.infer<typeof AlertRouteKeySchema>;

export const SlaSettingsSchema = z.object({
  /** Hours allowed for a receipt on a working day (Ashgrove/Alumnis "Monitoring": 24). */
  responseHours: z.number().positive().max(24 * 14).default(24),
  /** Local end of the working day used for receipts on non-working days. */
  endOfWorkingDay: localTime.default('17:00'),
  /** ISO weekdays (1 = Monday … 7 = Sunday) that are working days. */
  workingWeekdays: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
  /** School closure days (INSET, holidays) that count as non-working, as local dates. */
  closureDays: z.array(localDate).default([]),
  /** Send a reminder when this share of the response window has passed. */
  reminderAtShare: z.number().gt(0).lt(1).default(0.75),
  /** Repeat the escalation at this interval while the case stays open past its deadline. */
  escalationRepeatMinutes: z.number().int().min(15).default(240),
});
export type SlaSettings = z.infer<typeof SlaSettingsSchema>;

export const SchoolSchema = z.object({
  id: idString,
  name: z.string().min(1),
  aliases: z.array(z.string().min(2)).default([]),
  handles: z.array(OfficialHandleSchema).default([]),
  hashtags: z.array(z.string().min(2)).default([]),
  timeZone: z.string().default('Europe/London'),
  contacts: z.array(ContactSchema).default([]),
  staff: z.array(StaffMemberSchema).default([]),
  sla: SlaSettingsSchema.default(SlaSettingsSchema.parse({})),
  /** Medium/low alerts and unflagged official-account comments go out in a digest at this interval. */
  digestIntervalMinutes: z.number().int().min(5).default(60),
  /** Overrides of the alert routing table (shared/cases/routing.ts): which contact roles hear about what. */
  alertRouting: z.partialRecord(AlertRouteKeySchema, z.array(ContactRoleSchema).min(1)).optional(),
});
export type School = z.infer<typeof SchoolSchema>;
export type SchoolInput = z.input<typeof SchoolSchema>;

export const SOURCE_KINDS = ['feed', 'facebook_page', 'instagram_account', 'youtube_channel', 'x_account'] as const;
export const SourceKindSchema = z.enum(SOURCE_KINDS);
export type SourceKind = z.infer<typeof SourceKindSchema>;

export const SourceHealthSchema = z.object({
  status: z.enum(['healthy', 'unhealthy']).default('healthy'),
  consecutiveFailures: z.number().int().min(0).default(0),
  lastError: z.string().optional(),
  lastSuccessAt: isoInstant.optional(),
  lastFailureAt: isoInstant.optional(),
  /** Set while the administrator has been told the source is unhealthy (cleared on recovery). */
  unhealthyNotifiedAt: isoInstant.optional(),
});
export type SourceHealth = z.infer<typeof SourceHealthSchema>;

export const SourceSchema = z.object({
  id: idString,
  schoolId: idString,
  kind: SourceKindSchema,
  label: z.string().min(1),
  platform: PlatformSchema,
  /** Feed URL, or the API base for an official-account connector. */
  url: z.url({ protocol: /^https?$/ }).optional(),
  /** Page id, Instagram user id, YouTube channel id or X user id, for official-account connectors. */
  accountId: z.string().optional(),
  /** True for the school's own official accounts: every comment on them is a mention with a deadline. */
  official: z.boolean().default(false),
  pollIntervalMinutes: z.number().int().min(1).max(24 * 60).default(10),
  nextPollAt: isoInstant,
  /** Connector-specific since-cursor (e.g. the newest comment time or id seen). */
  cursor: z.string().optional(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  /** Name of the configuration entry that holds this source's API token (never the token itself). */
  tokenRef: z.string().optional(),
  health: SourceHealthSchema.default(SourceHealthSchema.parse({})),
});
export type Source = z.infer<typeof SourceSchema>;
export type SourceInput = z.input<typeof SourceSchema>;

export const MentionSchema = z.object({
  /** Stable id: hash of the school and the normalised link (or platform id when there is no link). */
  id: z.string().min(1),
  schoolId: idString,
  sourceId: idString,
  platform: PlatformSchema,
  /** The item's id in its source (feed guid, comment id). */
  externalId: z.string().min(1),
  url: z.string().optional(),
  author: z.string().optional(),
  title: z.string().optional(),
  /** Plain text, HTML stripped, whitespace normalised. */
  text: z.string(),
  publishedAt: isoInstant,
  fetchedAt: isoInstant,
  /** A comment, query or reply on one of the school's official accounts: always gets a case. */
  isOfficialAccountComment: z.boolean(),
  contentHash: z.string().min(1),
});
export type Mention = z.infer<typeof MentionSchema>;

export const EvidenceSchema = z.object({
  kind: z.enum(['keyword', 'pattern', 'model', 'detector', 'sentiment']),
  /** Rule or detector id, for administrators tuning lists. */
  ruleId: z.string().optional(),
  /** What matched, in the mention's words (already shortened). */
  match: z.string().optional(),
  score: z.number().optional(),
  /** The reason in words an SLT member understands. */
  explanation: z.string(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const CategoryReasonSchema = z.object({
  category: CategoryIdSchema,
  severity: SeveritySchema,
  /** e.g. "Trust 4.2.6; Alsop 1" */
  clauses: z.string(),
  summary: z.string(),
  evidence: z.array(EvidenceSchema),
});
export type CategoryReason = z.infer<typeof CategoryReasonSchema>;

export const ClassificationSchema = z.object({
  flagged: z.boolean(),
  categories: z.array(CategoryIdSchema),
  severity: SeveritySchema.nullable(),
  reasons: z.array(CategoryReasonSchema),
  /** Versions of the keyword lists used, for audit. */
  keywordVersion: z.string().optional(),
  modelVersion: z.string().optional(),
});
export type Classification = z.infer<typeof ClassificationSchema>;

export const CASE_STATUSES = ['new', 'acknowledged', 'handled', 'false_positive'] as const;
export const CaseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

export const CaseSchema = z.object({
  id: z.string().min(1),
  schoolId: idString,
  mentionId: z.string().min(1),
  status: CaseStatusSchema,
  receivedAt: isoInstant,
  dueAt: isoInstant,
  categories: z.array(CategoryIdSchema),
  severity: SeveritySchema.nullable(),
  isOfficialAccountComment: z.boolean(),
  createdAt: isoInstant,
  updatedAt: isoInstant,
  firstResponseAt: isoInstant.optional(),
  slaOutcome: z.enum(['met', 'breached']).optional(),
  actionTaken: LadderStepSchema.optional(),
  /** Monotonic counter used for optimistic locking on single-item conditional writes. */
  revision: z.number().int().min(0),
});
export type Case = z.infer<typeof CaseSchema>;

export const CaseHistoryEntrySchema = z.object({
  caseId: z.string().min(1),
  at: isoInstant,
  actor: z.string().min(1),
  action: z.string().min(1),
  fromStatus: CaseStatusSchema.optional(),
  toStatus: CaseStatusSchema.optional(),
  note: z.string().optional(),
});
export type CaseHistoryEntry = z.infer<typeof CaseHistoryEntrySchema>;
