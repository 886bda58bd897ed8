import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('DEMO_HISTORY_DAYS', () => {
  it('defaults to 62 days and accepts 0 to turn the backfill off', () => {
    expect(loadConfig({}, []).DEMO_HISTORY_DAYS).toBe(62);
    expect(loadConfig({ DEMO_HISTORY_DAYS: '0' }, []).DEMO_HISTORY_DAYS).toBe(0);
    expect(loadConfig({ DEMO_HISTORY_DAYS: '90' }, []).DEMO_HISTORY_DAYS).toBe(90);
  });

  it.each(['-1', '2.5', 'many', '400'])('refuses %s', (value) => {
    expect(() => loadConfig({ DEMO_HISTORY_DAYS: value }, [])).toThrow(ConfigError);
    expect(() => loadConfig({ DEMO_HISTORY_DAYS: value }, [])).toThrow(/DEMO_HISTORY_DAYS/);
  });
});
