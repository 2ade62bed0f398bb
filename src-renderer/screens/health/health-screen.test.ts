import { describe, expect, it } from 'vitest';
import { createAppStores } from '../../stores/app-stores';
import { createFakeApiClient } from '../../test-support/fake-api-client';
import { errorGroupFixture, healthReportFixture } from '../../test-support/health-report-fixture';
import { buttonsLabelled, renderMarkup, visibleText } from '../../test-support/render-markup';
import { HealthScreen } from './health-screen';

function shown(report: ReturnType<typeof healthReportFixture>) {
  const stores = createAppStores(createFakeApiClient().client);
  stores.health.setState({ report });
  const html = renderMarkup(stores, HealthScreen);
  return { html, text: visibleText(html) };
}

describe('Sync health screen', () => {
  it('says what each section will show before there is anything to show', () => {
    const { text } = shown(healthReportFixture());
    expect(text).toContain('Not measured yet');
    expect(text).toContain('Leadbridge made 0 calls in the last 24 hours.');
    expect(text).toContain('No API calls in the last 24 hours');
    expect(text).toContain('No errors in the last 7 days.');
    expect(text).toContain('Nothing to write to Salesforce.');
    expect(text).toContain('No reconciliation yet.');
  });

  it('shows each reason once with its count, its newest message and a Retry naming what it sends again', () => {
    const { html, text } = shown(
      healthReportFixture({
        errors: {
          since: '',
          groups: [
            errorGroupFixture(),
            errorGroupFixture({
              code: 'SERVER_UNAVAILABLE',
              count: 1,
              kinds: ['sync.failed'],
              retry: null,
              newest: {
                ...errorGroupFixture().newest,
                kind: 'sync.failed',
                subject: null,
                details: { message: 'Salesforce answered: Server temporarily unavailable.' },
              },
            }),
          ],
        },
      }),
    );
    expect(text).toContain('FIELD_CUSTOM_VALIDATION_EXCEPTION 2 times');
    expect(text).toContain('Phone is required. Fix the rule, then Retry.');
    expect(text).toContain('latest about Ada Lovelace');
    expect(text).toContain('SERVER_UNAVAILABLE once');
    expect(buttonsLabelled(html, 'Retry 2 items')).toHaveLength(1);
    // Leadbridge got past it by itself: nothing for a person to press.
    expect(html.match(/<button/g)).toHaveLength(1);
  });

  it('shows the org’s usage, Leadbridge’s share and the last reconciliation’s drift', () => {
    const quiet = healthReportFixture();
    const { text } = shown(
      healthReportFixture({
        apiUsage: {
          ...quiet.apiUsage,
          org: { used: 2_000, max: 15_000, measuredAt: quiet.at, capPercent: 80 },
          leadbridgeCalls: 500,
          leadbridgeShare: 0.25,
        },
        reconcile: {
          last: {
            at: quiet.at,
            durationMs: 1_200,
            orgLeads: 1_000,
            missing: 2,
            stale: 0,
            gone: 1,
            removed: 0,
            expired: 0,
            apiCalls: 3,
          },
          dueAt: '2026-12-01T12:30:00.000Z',
          running: false,
        },
      }),
    );
    expect(text).toContain('2,000 / 15,000 (13%)');
    expect(text).toContain('Leadbridge made 500 of them (25%)');
    expect(text).toContain('2 missing · 1 gone');
    expect(text).toContain('1,000 Leads compared');
  });
});
