import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../domain/constants';
import { formatEuros, formatNumber } from '../../i18n/format';

/** A quantity in `unit` as the reader's language writes it ("8 pieces", "2,5 t"). */
export function useAmount(unit: Unit): (value: number) => string {
  const { t, i18n } = useTranslation('needs');
  const language = i18n.resolvedLanguage ?? 'en';
  return useCallback(
    (value: number) => t(`quantity.${unit}`, { count: value, value: unit === 'eur' ? formatEuros(value, language) : formatNumber(value, language) }),
    [t, unit, language],
  );
}
