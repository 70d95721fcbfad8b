/**
 * The policy catalogue: every category, severity, response step and deadline the product uses, each
 * with the clause of the reference policies it comes from. The reference policies are the five texts
 * in the team's ../shared/policies folder:
 *   Trust    = trust-parental-use-of-social-media.txt (Parental Use of Social Media and Online Platforms)
 *   Alsop    = alsop-high-parents-social-media.txt (Alsop High, parents and carers)
 *   Alfreton = alfreton-park-staff-social-media.txt (Alfreton Park, staff policy 5.0)
 *   Ashgrove = ashgrove-primary-social-media.txt ("Monitoring")
 *   Alumnis  = alumnis-social-media.txt ("Monitoring")
 */

export const CATEGORY_IDS = [
  'threat',
  'safeguarding',
  'discrimination',
  'allegation',
  'defamation',
  'abuse',
  'personal_data',
  'investigation',
  'complaint',
  'impersonation',
] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const severityRank = (severity: Severity): number => SEVERITIES.indexOf(severity);

export const highestSeverity = (severities: readonly Severity[]): Severity | null =>
  severities.reduce<Severity | null>(
    (highest, s) => (highest === null || severityRank(s) > severityRank(highest) ? s : highest),
    null,
  );

export interface PolicyClause {
  /** Short policy name as used in the README and emails, e.g. "Trust". */
  policy: 'Trust' | 'Alsop' | 'Alfreton' | 'Ashgrove' | 'Alumnis';
  /** The clause or section reference inside that policy, e.g. "4.2.6". */
  clause: string;
  /** The clause's words, shortened, so an email can quote it. */
  says: string;
}

export const citation = (c: PolicyClause): string => `${c.policy} ${c.clause}`;

/** The response ladder (Trust 5.1, Alsop 5): what a school can do, in escalating order. */
export const LADDER_STEPS = [
  'asked_to_remove',
  'written_warning',
  'reported_to_platform',
  'legal_advice',
  'police',
  'reply_posted',
  'no_action_needed',
] as const;
export type LadderStep = (typeof LADDER_STEPS)[number];

export interface LadderStepInfo {
  id: LadderStep;
  label: string;
  clause: PolicyClause;
}

export const LADDER: Record<LadderStep, LadderStepInfo> = {
  asked_to_remove: {
    id: 'asked_to_remove',
    label: 'Discuss with the author and ask for the post to be removed',
    clause: { policy: 'Trust', clause: '5.1', says: 'as a first step … ask that the relevant information be removed' },
  },
  written_warning: {
    id: 'written_warning',
    label: 'Set out concerns in writing with a warning, requesting removal',
    clause: { policy: 'Trust', clause: '5.1.1', says: "set out the school's concerns in writing, giving a warning" },
  },
  reported_to_platform: {
    id: 'reported_to_platform',
    label: 'Report the content to the platform and ask for removal',
    clause: { policy: 'Trust', clause: '5.1.5', says: 'contact the host/provider … formal complaint … ask for removal' },
  },
  legal_advice: {
    id: 'legal_advice',
    label: 'Take legal advice (defamation or where circumstances warrant)',
    clause: { policy: 'Trust', clause: '5.1.2', says: 'take legal advice and/or legal action where … defamatory' },
  },
  police: {
    id: 'police',
    label: 'Contact the police (harassment, racial element, threats of violence); 999 if there is immediate risk',
    clause: { policy: 'Trust', clause: '5.1.3', says: 'contact the Police … threatening violence' },
  },
  reply_posted: {
    id: 'reply_posted',
    label: 'Reply posted on the official account (at least acknowledging receipt)',
    clause: {
      policy: 'Ashgrove',
      clause: 'Monitoring',
      says: 'responded to within 24 hours … even if the response is only to acknowledge receipt',
    },
  },
  no_action_needed: {
    id: 'no_action_needed',
    label: 'Reviewed: no action needed',
    clause: { policy: 'Trust', clause: '5.1.8', says: 'take any other action it may deem appropriate after seeking advice' },
  },
};

/** Evidence is kept securely and proportionately under UK GDPR. */
export const EVIDENCE_CLAUSE: PolicyClause = {
  policy: 'Trust',
  clause: '5.1.7',
  says: 'may retain copies of relevant posts … handled securely and proportionately, in accordance with data protection law',
};

/** The response rule for official accounts. */
export const RESPONSE_RULE_CLAUSES: readonly PolicyClause[] = [
  {
    policy: 'Ashgrove',
    clause: 'Monitoring',
    says: 'comments, queries or complaints … responded to within 24 hours (or on the next working day if received at a weekend)',
  },
  {
    policy: 'Alumnis',
    clause: 'Monitoring',
    says: 'comments, queries or complaints … responded to within 24 hours (or on the next working day if received at a weekend)',
  },
];

export interface CategoryInfo {
  id: CategoryId;
  label: string;
  /** One line an SLT member understands. */
  description: string;
  defaultSeverity: Severity;
  clauses: readonly PolicyClause[];
  /** The recommended next steps, in order, from the response ladder. */
  nextSteps: readonly LadderStep[];
  /** Extra advice shown above the steps (e.g. 999 for immediate risk). */
  urgentAdvice?: string;
}

export const CATEGORIES: Record<CategoryId, CategoryInfo> = {
  threat: {
    id: 'threat',
    label: 'Threat of violence',
    description: 'Threatens violence or makes a credible threat to the safety of pupils, staff or the school.',
    defaultSeverity: 'critical',
    clauses: [
      { policy: 'Trust', clause: '4.2.6', says: 'posting comments which threaten violence' },
      { policy: 'Alsop', clause: '1', says: 'comments [that] make a credible threat to safety' },
    ],
    nextSteps: ['police', 'reported_to_platform', 'asked_to_remove'],
    urgentAdvice: 'If anyone is at immediate risk, call 999 now, then follow the steps below.',
  },
  safeguarding: {
    id: 'safeguarding',
    label: 'Safeguarding concern',
    description:
      'A risk to a child: sexual images, grooming, self-harm, radicalisation, drugs or other online-safety concerns.',
    defaultSeverity: 'critical',
    clauses: [
      {
        policy: 'Alfreton',
        clause: '5.7',
        says: 'online safety concerns, including … youth produced sexual imagery, cyberbullying, illegal content, and radicalisation',
      },
      { policy: 'Trust', clause: '5.1.5', says: 'where the breach involves … safeguarding concerns … preserving digital evidence' },
    ],
    nextSteps: ['police', 'reported_to_platform'],
    urgentAdvice:
      'Pass to the designated safeguarding lead now (KCSIE). If a child is at immediate risk, call 999. Do not copy or forward images.',
  },
  discrimination: {
    id: 'discrimination',
    label: 'Racist or discriminatory content',
    description: 'Racist, discriminatory or hateful content about a group or a person because of who they are.',
    defaultSeverity: 'high',
    clauses: [
      { policy: 'Trust', clause: '4.2.5', says: 'posting racist/discriminatory comments' },
      { policy: 'Alsop', clause: '1', says: 'comments [that] contain hate content' },
    ],
    nextSteps: ['reported_to_platform', 'police', 'asked_to_remove'],
  },
  allegation: {
    id: 'allegation',
    label: 'Allegation or cyberbullying',
    description: 'Makes allegations about staff or pupils in public, or bullies someone online.',
    defaultSeverity: 'high',
    clauses: [
      { policy: 'Trust', clause: '4.2.1', says: 'making allegations about staff or students at the school/cyber-bullying' },
      { policy: 'Alsop', clause: '1', says: 'name a member of staff who is subject to an allegation' },
    ],
    nextSteps: ['asked_to_remove', 'written_warning', 'reported_to_platform', 'legal_advice'],
  },
  defamation: {
    id: 'defamation',
    label: 'Defamatory or inaccurate claims',
    description: 'States as fact something damaging and possibly untrue about the school or a member of staff.',
    defaultSeverity: 'high',
    clauses: [
      { policy: 'Trust', clause: '4.2.3', says: 'making defamatory statements about the school or staff at the school' },
      { policy: 'Alsop', clause: '1', says: 'contain factually inaccurate and/or defamatory content' },
      { policy: 'Alsop', clause: '4', says: 'refraining from making … factually inaccurate statements … in any public forum' },
    ],
    nextSteps: ['asked_to_remove', 'written_warning', 'legal_advice'],
  },
  abuse: {
    id: 'abuse',
    label: 'Offensive comments about named staff or pupils',
    description: 'Negative, offensive or harassing comments about a specific member of staff or pupil.',
    defaultSeverity: 'high',
    clauses: [
      { policy: 'Trust', clause: '4.2.4', says: 'posting negative/offensive comments about specific students/staff' },
      { policy: 'Alsop', clause: '4', says: 'not naming any pupils or staff in a negative context online' },
    ],
    nextSteps: ['asked_to_remove', 'written_warning', 'reported_to_platform', 'police'],
  },
  personal_data: {
    id: 'personal_data',
    label: 'Personal data or photos without consent',
    description: 'Shares personal data, photos, addresses, phone numbers or identifying details without consent.',
    defaultSeverity: 'high',
    clauses: [
      {
        policy: 'Trust',
        clause: '4.2.7',
        says: 'use of personal data, photos, images, addresses or identifying details (including tags) without … consent',
      },
      { policy: 'Alsop', clause: '4', says: 'not posting photos of students … without obtaining the relevant consent' },
    ],
    nextSteps: ['asked_to_remove', 'reported_to_platform', 'written_warning'],
  },
  investigation: {
    id: 'investigation',
    label: 'Matter under investigation',
    description: 'Raises or discusses a matter the school is investigating.',
    defaultSeverity: 'medium',
    clauses: [
      {
        policy: 'Trust',
        clause: '4.2.8',
        says: 'raising or discussing matters about which there is a school investigation or enquiry',
      },
    ],
    nextSteps: ['asked_to_remove', 'written_warning'],
  },
  complaint: {
    id: 'complaint',
    label: 'Public complaint',
    description: 'A complaint about the school or its staff made in public rather than through the complaints procedure.',
    defaultSeverity: 'medium',
    clauses: [
      { policy: 'Trust', clause: '4.2.2', says: 'making complaints about the school/staff at the school' },
      { policy: 'Alsop', clause: '4', says: 'refraining from making complaints … in any public forum' },
      { policy: 'Alfreton', clause: '5.9', says: 'any complaint … posted on any social media channels … reported to the Headteacher' },
    ],
    nextSteps: ['reply_posted', 'asked_to_remove'],
  },
  impersonation: {
    id: 'impersonation',
    label: "Use of the school's name or branding",
    description: "A page or account using the school's name, logo or branding, or posing as the official account.",
    defaultSeverity: 'medium',
    clauses: [
      { policy: 'Alsop', clause: '3', says: 'third party pages set up with the intention of imitating or impersonating these pages will be removed' },
      { policy: 'Alsop', clause: '4', says: 'not posting any content online under the pretence or guise of the School' },
      { policy: 'Alfreton', clause: '5.2', says: "accounts containing the school name which have not been authorised … are not official school platforms" },
    ],
    nextSteps: ['reported_to_platform', 'asked_to_remove'],
  },
};
