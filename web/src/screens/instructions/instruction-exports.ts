// Downloads of the instruction exports (SMS CSV, Signal text): fetched with the session's token, saved as a file.
import type { ApiOutcome } from '../../api/client.ts';
import { session } from '../../state/session.ts';

export type ExportChannel = 'sms' | 'signal';

/** The export's text as the server wrote it (the same file `safepassage instructions` writes). */
export async function exportText(channel: ExportChannel, onlyUntold: boolean): Promise<ApiOutcome<string>> {
  const path = `/api/instructions/export?channel=${channel}${onlyUntold ? '&only=untold' : ''}`;
  const token = session.value?.token;
  let response: Response;
  try {
    response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    return { ok: false, problem: { code: 'network', status: 0 } };
  }
  const text = await response.text();
  if (response.ok) return { ok: true, value: text };
  let code = `http-${response.status}`;
  try {
    code = (JSON.parse(text) as { code?: string }).code ?? code;
  } catch {
    // Not a problem document: keep the status code.
  }
  return { ok: false, problem: { code, status: response.status } };
}

/** Saves `text` as a file on the device (the messages hold codes and phones: the operator decides where it goes). */
export function saveFile(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
