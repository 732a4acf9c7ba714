import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../domain/constants';
import { formatEuros, formatNumber } from '../i18n/format';

/** A quantity in its unit, in the reader's language ("8 pieces", "2,5 т"), with the needs' own unit words. */
export function useAmount(): (value: number, unit: Unit) => string {
  const { t, i18n } = useTranslation('needs');
  const language = i18n.resolvedLanguage ?? 'en';
  return useCallback(
    (value, unit) => t(`quantity.${unit}`, { count: value, value: unit === 'eur' ? formatEuros(value, language) : formatNumber(value, language) }),
    [t, language],
  );
}
