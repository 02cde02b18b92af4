/** A record's errors in words: the field, what is wrong (the rule), and the server's detail. */
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../../shared/contract/errors';
import type { QuarantineRule } from '../../../../shared/contract/quarantine';

export function ErrorTable({ errors, rules, testId = 'aq-errors' }: { errors: FieldError[]; rules?: QuarantineRule[]; testId?: string }) {
  const { t } = useTranslation('adminQuality');
  return (
    <div className="aq-table-wrap">
      <table className="data-table aq-errors" data-testid={testId}>
        <caption>{t('list.errors')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('list.field')}</th>
            {rules && <th scope="col">{t('list.what')}</th>}
            <th scope="col">{t('list.why')}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            <tr key={`${e.path}-${i}`}>
              <td data-label={t('list.field')}>{e.path ? <code>{e.path}</code> : t('list.wholeRecord')}</td>
              {rules && <td data-label={t('list.what')}>{t(`rule.${rules[i] ?? 'other'}`)}</td>}
              <td data-label={t('list.why')} className="aq-errors__why">
                {e.message}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
