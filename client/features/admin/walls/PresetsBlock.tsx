/** Wall presets: the list with a link that opens each, add or edit one (scenes and seconds), delete. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WallPresetResponse, WallScene } from '../../../../server/wall/wall-types';
import { useApi } from '../../../api';
import { useFormat } from '../../../i18n';
import { AdminTable } from '../sources/AdminTable';
import { LoadError } from '../../unit/LoadError';
import { INTERVAL_DEFAULT_S, INTERVAL_MAX_S, INTERVAL_MIN_S, SCENES } from '../../wall/wall-config';
import { ConfirmAction } from '../sources/ConfirmAction';
import { useAdminAction } from '../sources/use-admin-action';
import { deletePreset, fetchPresets, savePreset, wallUrl } from './api';

const COLUMNS = ['name', 'scenes', 'interval', 'updated', 'open', 'actions'] as const;

function PresetForm(p: {
  preset: WallPresetResponse | null;
  busy: boolean;
  onSave: (name: string, scenes: WallScene[], s: number) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('adminWalls');
  const { t: tw } = useTranslation('wall');
  const id = useId();
  const [name, setName] = useState(p.preset?.name ?? '');
  const [scenes, setScenes] = useState<WallScene[]>(p.preset?.scenes ?? [...SCENES]);
  const [seconds, setSeconds] = useState(String(p.preset?.intervalSeconds ?? INTERVAL_DEFAULT_S));
  const toggle = (s: WallScene) =>
    setScenes((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : SCENES.filter((x) => x === s || cur.includes(x))));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    p.onSave(name.trim(), scenes, Number(seconds));
  };
  const title = p.preset ? t('presets.formTitleEdit', { name: p.preset.name }) : t('presets.formTitleNew');
  return (
    <form className="admin-form" onSubmit={submit} aria-label={title}>
      <h3>{title}</h3>
      {!p.preset && (
        <>
          <label htmlFor={`${id}-n`}>{t('presets.name')}</label>
          <input id={`${id}-n`} value={name} onChange={(e) => setName(e.target.value)} required pattern="[A-Za-z0-9._\-]{1,64}" />
        </>
      )}
      <fieldset>
        <legend>{t('presets.scenes')}</legend>
        {SCENES.map((s) => (
          <label key={s} className="admin-check">
            <input type="checkbox" checked={scenes.includes(s)} onChange={() => toggle(s)} />
            {tw(`scene.${s}`)}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-i`}>{t('presets.interval', { min: INTERVAL_MIN_S, max: INTERVAL_MAX_S })}</label>
      <input
        id={`${id}-i`}
        type="number"
        inputMode="numeric"
        min={INTERVAL_MIN_S}
        max={INTERVAL_MAX_S}
        value={seconds}
        onChange={(e) => setSeconds(e.target.value)}
        required
      />
      <div className="admin-actions">
        <button type="submit" className="admin-primary" disabled={p.busy || scenes.length === 0}>
          {t('presets.submit')}
        </button>
        <button type="button" onClick={p.onCancel}>
          {t('presets.cancel')}
        </button>
      </div>
    </form>
  );
}

export function PresetsBlock() {
  const { t } = useTranslation('adminWalls');
  const { t: tw } = useTranslation('wall');
  const fmt = useFormat();
  const id = useId();
  const presets = useApi((s) => fetchPresets(s), []);
  const action = useAdminAction(t, presets.reload);
  const [form, setForm] = useState<WallPresetResponse | 'new' | null>(null);
  const save = (name: string, scenes: WallScene[], seconds: number) =>
    void action.run(async () => {
      await savePreset(name, scenes, seconds);
      setForm(null);
      return t('presets.saved', { name });
    });
  return (
    <section className="block" aria-labelledby={`${id}-t`}>
      <div className="block-head">
        <h2 id={`${id}-t`}>{t('presets.title')}</h2>
        <button type="button" className="admin-primary" onClick={() => setForm('new')} disabled={form !== null}>
          {t('presets.add')}
        </button>
      </div>
      <p className="hint">{t('presets.intro')}</p>
      {form && (
        <PresetForm
          key={form === 'new' ? '' : form.name}
          preset={form === 'new' ? null : form}
          busy={action.busy}
          onSave={save}
          onCancel={() => setForm(null)}
        />
      )}
      {action.message}
      {presets.error ? (
        <LoadError error={presets.error} onRetry={presets.reload} />
      ) : (
        <AdminTable
          headers={COLUMNS.map((c) => t(`presets.col.${c}`))}
          busy={presets.loading}
          empty={presets.data?.items.length === 0 ? t('presets.empty') : null}
        >
          {presets.data?.items.map((p) => (
            <tr key={p.name} data-testid={`preset-row-${p.name}`}>
              <th scope="row" data-label={t('presets.col.name')}>
                {p.name}
              </th>
              <td data-label={t('presets.col.scenes')}>{p.scenes.map((s) => tw(`scene.${s}`)).join(' → ')}</td>
              <td data-label={t('presets.col.interval')}>{t('presets.seconds', { n: fmt.count(p.intervalSeconds) })}</td>
              <td data-label={t('presets.col.updated')}>{fmt.dateTime(p.updatedAt)}</td>
              <td data-label={t('presets.col.open')}>
                <a href={wallUrl({ preset: p.name })} target="_blank" rel="noopener" title={t('presets.openLink', { name: p.name })}>
                  {wallUrl({ preset: p.name })}
                </a>
              </td>
              <td data-label={t('presets.col.actions')}>
                <div className="admin-actions">
                  <button type="button" onClick={() => setForm(p)} disabled={form !== null || action.busy}>
                    {t('presets.edit')}
                  </button>
                  <ConfirmAction
                    label={t('presets.delete')}
                    question={t('presets.deleteConfirm', { name: p.name })}
                    yes={t('presets.deleteYes')}
                    no={t('presets.no')}
                    disabled={action.busy}
                    onConfirm={() => action.run(async () => (await deletePreset(p.name), t('presets.deleted', { name: p.name })))}
                  />
                </div>
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
    </section>
  );
}
