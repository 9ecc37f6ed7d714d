/** True when the key went to a place where people type (keys there are text, not shortcuts). */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement)
    return true;
  if (target instanceof HTMLInputElement)
    return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset'].includes(
      target.type,
    );
  return false;
}

/**
 * A plain key press meant as a shortcut: no Ctrl/Alt/Meta, not typed into a text field, not
 * already handled. Returns the key (letters lower-cased) or null.
 */
export function shortcutKey(event: KeyboardEvent): string | null {
  if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey)
    return null;
  if (isTextEntry(event.target)) return null;
  return event.key.length === 1 ? event.key.toLowerCase() : event.key;
}

/** 1–9 → 0–8 (the index of the option the key picks), anything else → null. */
export function digitIndex(key: string | null): number | null {
  if (key === null || !/^[1-9]$/.test(key)) return null;
  return Number(key) - 1;
}
