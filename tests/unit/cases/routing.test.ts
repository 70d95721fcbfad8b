import { describe, expect, it } from 'vitest';
import { deliversImmediately, escalationRecipients, leadershipRecipients, routeAlert } from '../../../shared/cases/routing';
import { ConfigError } from '../../../shared/platform/errors';
import { school } from './fixtures';

describe('alert routing', () => {
  it('sends threats and safeguarding to the DSL and the headteacher at once', () => {
    const to = routeAlert(school(), { categories: ['threat', 'safeguarding'], severity: 'critical', isOfficialAccountComment: false }).to;
    expect(to.sort()).toEqual(['dsl@ashgrove.example', 'head@ashgrove.example']);
  });

  it('sends a public complaint to the business manager only', () => {
    expect(routeAlert(school(), { categories: ['complaint'], severity: 'medium', isOfficialAccountComment: false }).to).toEqual([
      'business@ashgrove.example',
    ]);
  });

  it('adds the moderator for comments on an official account, flagged or not', () => {
    expect(routeAlert(school(), { categories: [], severity: null, isOfficialAccountComment: true }).to).toEqual(['moderator@ashgrove.example']);
    expect(routeAlert(school(), { categories: ['complaint'], severity: 'medium', isOfficialAccountComment: true }).to.sort()).toEqual([
      'business@ashgrove.example',
      'moderator@ashgrove.example',
    ]);
  });

  it('adds the headteacher to any critical alert', () => {
    const to = routeAlert(school(), { categories: ['complaint'], severity: 'critical', isOfficialAccountComment: false }).to;
    expect(to.sort()).toEqual(['business@ashgrove.example', 'head@ashgrove.example']);
  });

  it("lets a school override a row of the table", () => {
    const custom = school({ alertRouting: { complaint: ['deputy'], critical: ['escalation'] } });
    expect(routeAlert(custom, { categories: ['complaint'], severity: 'medium', isOfficialAccountComment: false }).to).toEqual([
      'deputy@ashgrove.example',
    ]);
    expect(routeAlert(custom, { categories: ['threat'], severity: 'critical', isOfficialAccountComment: false }).to.sort()).toEqual([
      'dsl@ashgrove.example',
      'governors@ashgrove.example',
      'head@ashgrove.example',
    ]);
  });

  it('falls back to the headteacher when nobody holds the routed role, and fails when there is nobody at all', () => {
    const small = school({ contacts: [{ name: 'Head', email: 'head@small.example', roles: ['headteacher'] }] });
    expect(routeAlert(small, { categories: ['complaint'], severity: 'medium', isOfficialAccountComment: false })).toEqual({
      to: ['head@small.example'],
      roles: ['headteacher'],
    });
    expect(escalationRecipients(small).to).toEqual(['head@small.example']);
    expect(() => routeAlert(school({ contacts: [] }), { categories: ['threat'], severity: 'critical', isOfficialAccountComment: false })).toThrow(ConfigError);
  });

  it('names one address once even when a contact holds several routed roles', () => {
    const both = school({ contacts: [{ name: 'Head and DSL', email: 'Head@small.example', roles: ['headteacher', 'dsl'] }] });
    expect(routeAlert(both, { categories: ['threat'], severity: 'critical', isOfficialAccountComment: false }).to).toEqual(['Head@small.example']);
    expect(leadershipRecipients(school()).to.sort()).toEqual(['deputy@ashgrove.example', 'head@ashgrove.example']);
  });

  it('emails critical and high at once and leaves medium, low and unflagged for the digest', () => {
    expect([deliversImmediately('critical'), deliversImmediately('high')]).toEqual([true, true]);
    expect([deliversImmediately('medium'), deliversImmediately('low'), deliversImmediately(null)]).toEqual([false, false, false]);
  });
});
