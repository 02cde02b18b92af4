// @vitest-environment jsdom
/**
 * The sources, walls and audit tabs' pieces: a source row in the header panel's words with its skew
 * (or "—" when the server does not measure it), the revoke confirmation, the one-time secret, wall
 * links, audit times to the second and readable details.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { adminNamespaces, initI18n } from '../../../../client/i18n';
import { SourceRow } from '../../../../client/features/admin/sources/SourceRow';
import { SecretOnce } from '../../../../client/features/admin/sources/SecretOnce';
import { wallUrl } from '../../../../client/features/admin/walls/api';
import { auditTimeText } from '../../../../client/features/admin/audit/audit-time';
import { AuditDetails } from '../../../../client/features/admin/audit/AuditDetails';
import type { AdminSource } from '../../../../shared/contract/admin-ops';
import type { SourceFreshness } from '../../../../shared/contract/api';

beforeAll(async () => {
  await initI18n('vi').loadNamespaces(adminNamespaces);
});
afterEach(() => cleanup());

const SOURCE: AdminSource = {
  name: 'ward-26740',
  kind: 'dossier',
  units: ['26740'],
  silentAfterMs: 30 * 60_000,
  hours: 'office',
  createdAt: '2026-12-01T08:00:00.000+07:00',
  revokedAt: null,
  lastEventAt: '2026-12-04T16:50:00.000+07:00',
};
const FRESH: SourceFreshness = {
  name: 'ward-26740',
  kind: 'dossier',
  lastEventAt: SOURCE.lastEventAt,
  lastSeenAt: '2026-12-04T16:55:00.000+07:00',
  lagMs: (2 * 60 + 5) * 60_000,
  quietMs: 65 * 60_000,
  silentAfterMs: 30 * 60_000,
  hours: 'office',
  state: 'silent',
  silent: true,
  clockSkewMs: null,
  clockSkewSamples: 0,
  clockSkewLarge: false,
  clockSkewWarnMs: 15 * 60_000,
};

function row(source: AdminSource, freshness?: SourceFreshness, onRevoke = () => {}) {
  render(
    <table>
      <tbody>
        <SourceRow
          source={source}
          freshness={freshness}
          unitName={(c) => (c === '26740' ? 'Phường Sài Gòn' : c)}
          busy={false}
          onEdit={() => {}}
          onRevoke={onRevoke}
        />
      </tbody>
    </table>,
  );
  return screen.getByTestId(`source-row-${source.name}`);
}

describe('admin sources row', () => {
  it('shows kind, unit names, lag and state in the header panel’s words, and "—" for a skew the server does not send', () => {
    const tr = row(SOURCE, FRESH);
    const text = tr.textContent ?? '';
    expect(text).toContain('Hồ sơ');
    expect(text).toContain('Phường Sài Gòn');
    expect(text).toContain('2 giờ 05 phút');
    expect(text).toContain('Chưa cập nhật');
    expect(text).toContain('30 phút (giờ hành chính)');
    expect(tr.querySelector('[data-label^="Lệch đồng hồ"]')?.textContent).toBe('—');
  });

  it('shows a measured skew with its sign in seconds', () => {
    const tr = row({ ...SOURCE, clockSkewMs: -1500 }, FRESH);
    expect(tr.querySelector('[data-label^="Lệch đồng hồ"]')?.textContent).toBe('−1,5 giây');
  });

  it('asks before revoking, and revokes only on "Thu hồi nguồn"', () => {
    const onRevoke = vi.fn();
    row(SOURCE, FRESH, onRevoke);
    fireEvent.click(screen.getByTestId('source-revoke-ward-26740'));
    expect(screen.getByRole('alertdialog').textContent).toContain('Thu hồi nguồn ward-26740?');
    fireEvent.click(screen.getByRole('button', { name: 'Không' }));
    expect(onRevoke).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('source-revoke-ward-26740'));
    fireEvent.click(screen.getByTestId('source-revoke-ward-26740-yes'));
    expect(onRevoke).toHaveBeenCalledTimes(1);
  });

  it('a revoked source says so with its time and offers no action', () => {
    const tr = row({ ...SOURCE, revokedAt: '2026-12-05T09:00:00.000+07:00' });
    expect(tr.textContent).toContain('Đã thu hồi 05/12/2026 09:00');
    expect(tr.querySelector('button')).toBeNull();
  });
});

describe('a secret shown once', () => {
  it('warns, shows the secret, copies it, and is closed by its done button', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.assign(navigator, { clipboard: { writeText } });
    const onDone = vi.fn();
    render(
      <SecretOnce
        title="Khóa"
        warning="Chỉ hiện một lần"
        secret="bdt_abc"
        copyLabel="Sao chép"
        copiedLabel="Đã sao chép."
        copyFailedLabel="Lỗi"
        doneLabel="Xong"
        onDone={onDone}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('Chỉ hiện một lần');
    expect(screen.getByTestId('secret-value').textContent).toBe('bdt_abc');
    fireEvent.click(screen.getByRole('button', { name: 'Sao chép' }));
    expect(writeText).toHaveBeenCalledWith('bdt_abc');
    expect(await screen.findByText('Đã sao chép.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Xong' }));
    expect(onDone).toHaveBeenCalled();
  });
});

describe('wall links and audit text', () => {
  it('opens the wall with a preset, a unit scope (the city is the default), or a token', () => {
    expect(wallUrl({ preset: 'phong-hop' })).toBe('/wall?preset=phong-hop');
    expect(wallUrl({ scope: 'unit:26740' })).toBe('/wall?scope=unit%3A26740');
    expect(wallUrl({ scope: 'city' })).toBe('/wall');
    expect(wallUrl({ token: 'bdd_x' })).toBe('/wall?token=bdd_x');
  });

  it('writes an audit time to the second, also just before midnight (no bare date)', () => {
    expect(auditTimeText('2026-12-01T23:59:59.999+07:00')).toBe('01/12/2026 23:59:59');
    expect(auditTimeText('2026-12-02T00:00:00.000+07:00')).toBe('02/12/2026 00:00:00');
  });

  it('shows details in words: known keys named, durations in minutes, yes/no, lists joined, null as "—", unknown keys as sent', () => {
    render(<AuditDetails details={{ units: ['26740', '26743'], silentAfterMs: 45 * 60_000, reissued: false, hours: null, extra: 'x' }} />);
    const dl = document.querySelector('dl')!;
    expect([...dl.querySelectorAll('dt')].map((d) => d.textContent)).toEqual([
      'Đơn vị',
      'Báo chưa cập nhật sau',
      'Cấp lại',
      'Cách tính giờ',
      'extra',
    ]);
    expect([...dl.querySelectorAll('dd')].map((d) => d.textContent)).toEqual(['26740, 26743', '45 phút', 'không', '—', 'x']);
  });
});
