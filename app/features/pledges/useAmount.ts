import { useCallback } from 'react';
import type { Unit } from '../../../domain/constants';
import { useAmount as useAmountIn } from '../../hooks/useAmount';

/** A quantity of one pledge's `unit` as the reader's language writes it ("8 pieces", "2,5 t"). */
export function useAmount(unit: Unit): (value: number) => string {
  const amount = useAmountIn();
  return useCallback((value: number) => amount(value, unit), [amount, unit]);
}
