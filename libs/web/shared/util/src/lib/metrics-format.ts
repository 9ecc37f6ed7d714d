/** Formatting of operational figures: ages, shares, money and spend against a budget. */
import { NO_VALUE } from './neutrality-format';

/**
 * A duration in seconds, short and readable: "12 s", "4 min", "2 h 5 min", "3 d 4 h".
 * Null (nothing pending) is "—"; negative values (clock skew) count as 0.
 */
export function formatAge(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds))
    return NO_VALUE;
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest ? `${hours} h ${rest} min` : `${hours} h`;
  }
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest ? `${days} d ${rest} h` : `${days} d`;
}

/** A fraction (0–1) as a percentage (formatPercent takes 0–100): 0.875 → "87.5%", 1 → "100%"; null → "—". */
export function formatFraction(
  fraction: number | null | undefined,
  maxDigits = 1,
): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction))
    return NO_VALUE;
  const value = fraction * 100;
  const factor = 10 ** maxDigits;
  const rounded = Math.round(value * factor) / factor;
  return `${rounded.toLocaleString('en-US', { maximumFractionDigits: maxDigits })}%`;
}

/** An amount with two decimals and thousands separators: 1234.5 → "1,234.50". */
export function formatMoney(amount: number | null | undefined): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount))
    return NO_VALUE;
  return amount.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
}

/** "12.40 of 50.00 spent", or "12.40 spent (no budget)" for a job without one. */
export function spendText(spend: number, budget: number | null): string {
  return budget === null
    ? `${formatMoney(spend)} spent (no budget)`
    : `${formatMoney(spend)} of ${formatMoney(budget)} spent`;
}

/** Share of the budget spent, 0–100 for a progress bar (capped); null without a budget. */
export function spendPercent(
  spend: number,
  budget: number | null,
): number | null {
  if (budget === null) return null;
  if (budget <= 0) return spend > 0 ? 100 : 0;
  return Math.min(100, Math.max(0, (spend / budget) * 100));
}

/** An agreement bucket's lower bound (0, 0.1 … 0.9) as its range: 0.8 → "80–90%", 0.9 → "90–100%". */
export function agreementBucketLabel(bucket: number): string {
  const low = Math.round(bucket * 100);
  return `${low}–${Math.min(100, low + 10)}%`;
}
