/** Runtime settings an admin changes without a restart: string values by key; null when unset. */
export abstract class SettingsStore {
  abstract get(key: string): Promise<string | null>;
  abstract set(key: string, value: string): Promise<void>;
  abstract delete(key: string): Promise<void>;
}
