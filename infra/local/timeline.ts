/** The `npm start` timeline: one line for each thing that happens, printed as it happens. */
import type { Demo } from './demo';
import type { Observer } from './observer';

const WATCH_INTERVAL_MS = 1_000;
const PREVIEW_LENGTH = 90;

const clock = () => new Date().toTimeString().slice(0, 8);
const preview = (text: string) => {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > PREVIEW_LENGTH ? `${oneLine.slice(0, PREVIEW_LENGTH - 1)}…` : oneLine;
};

export class Timeline {
  private readonly seen = new Set<string>();
  private requestsSeen = 0;
  private timer?: NodeJS.Timeout;
  private busy = false;

  constructor(
    private readonly observer: Observer,
    private readonly demo: Demo,
    private readonly schoolId: string,
    private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  ) {}

  header(startupMs: number, mailboxUrl: string, actionsUrl: string): void {
    this.write(`School Mention Monitor — local pipeline (started in ${Math.round(startupMs)} ms)`);
    this.write(`  demo school:   ${this.demo.school.name} (${this.demo.sources.length} sources)`);
    this.write(`  mailbox:       ${mailboxUrl}   ← the SLT alert emails land here`);
    this.write(`  action links:  ${actionsUrl}/actions`);
    this.write(`  sample feeds:  ${this.demo.fixtures.baseUrl}`);
    this.write('  Ctrl-C to stop.\n');
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(true), WATCH_INTERVAL_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  error(where: string, message: string): void {
    this.write(`${clock()}  error    ${where}: ${message}`);
  }

  /** Prints whatever is new since the last flush (quietly returns if a flush is running). */
  async flush(print: boolean): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const out = print ? this.write : () => {};
      const requests = this.demo.fixtures.requests;
      for (; this.requestsSeen < requests.length; this.requestsSeen++) {
        const request = requests[this.requestsSeen]!;
        const label = this.demo.sourceLabelFor(request.path);
        const what = request.status === 304 ? '304 not modified (no parsing)' : String(request.status);
        out(`${clock()}  poll     ${label}: ${what}`);
      }
      for (const mention of await this.observer.mentions(this.schoolId)) {
        const state = mention.flagged === undefined ? 'pending' : mention.flagged ? 'flagged' : 'clear';
        const key = `mention:${mention.id}:${state}`;
        if (state === 'pending' || this.seen.has(key)) continue;
        this.seen.add(key);
        const flag = mention.flagged
          ? `FLAGGED ${mention.categories.join(', ')} (${mention.severity})`
          : mention.official
            ? 'not flagged (official-account comment: answer within the deadline)'
            : 'not flagged';
        out(`${clock()}  mention  [${mention.platform}] "${preview(mention.text)}" → ${flag}`);
      }
      for (const c of await this.observer.cases(this.schoolId)) {
        const key = `case:${c.id}:${c.status}`;
        if (this.seen.has(key)) continue;
        this.seen.add(key);
        const due = c.dueAt ? new Date(c.dueAt).toLocaleString('en-GB', { timeZone: this.demo.school.timeZone }) : '?';
        out(`${clock()}  case     ${c.id} ${c.status}, due ${due} (${this.demo.school.timeZone})`);
      }
      for (const email of await this.observer.emails()) {
        const key = `email:${email.messageId}`;
        if (this.seen.has(key)) continue;
        this.seen.add(key);
        out(`${clock()}  email    to ${email.destination.to.join(', ')}: "${preview(email.subject)}"`);
      }
    } catch (error) {
      this.error('timeline', (error as Error).message);
    } finally {
      this.busy = false;
    }
  }
}
