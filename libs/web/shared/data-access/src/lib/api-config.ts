import { InjectionToken } from '@angular/core';
import { API_PREFIX } from '@quorum/contracts';

/** Where the API lives. Same origin by default: the API serves the web app on :3000. */
export const API_BASE_URL = new InjectionToken<string>('API_BASE_URL', {
  providedIn: 'root',
  factory: () => API_PREFIX,
});

/** The slice of `Storage` the auth store needs; swapped for an in-memory map in tests. */
export type TokenStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const TOKEN_STORAGE = new InjectionToken<TokenStorage>('TOKEN_STORAGE', {
  providedIn: 'root',
  factory: () =>
    typeof localStorage === 'undefined' ? memoryStorage() : localStorage,
});

export function memoryStorage(): TokenStorage {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}
