/**
 * The supervision cards' writes: one at a time (`saving` for the spinner), the API's refusal kept
 * as `error` for the open dialog, a success toast, then `onChanged` so the page reloads.
 */
import { App } from 'antd';
import { useState } from 'react';

export function useSaveAction(onChanged: () => void) {
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  /** Runs `action`; true when it succeeded (the caller closes its dialog then). */
  async function run(action: () => Promise<unknown>, success: string): Promise<boolean> {
    setSaving(true);
    setError(null);
    try {
      await action();
      void message.success(success);
      onChanged();
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      setSaving(false);
    }
  }
  return { error, setError, saving, run };
}
