import type { Accounting } from './accounting';

/** Where the run is, for the progress line: files done of total, bytes of finished files. */
export interface ProgressState {
  filesTotal?: number;
  filesDone: number;
  bytesTotal?: number;
  bytesDone: number;
}

/** Formats the live progress line (TTY) or periodic log line: files, records/s, ETA. */
export function progressLine(accounting: Accounting, state: ProgressState, elapsedMs: number): string {
  const seconds = Math.max(elapsedMs / 1000, 0.001);
  const rate = accounting.counts.read / seconds;
  const files = state.filesTotal === undefined ? `${state.filesDone} files` : `files ${state.filesDone}/${state.filesTotal}`;
  let eta = '';
  if (state.bytesTotal !== undefined && state.bytesDone > 0 && state.bytesTotal >= state.bytesDone) {
    const remainingMs = ((state.bytesTotal - state.bytesDone) / state.bytesDone) * elapsedMs;
    eta = `  ETA ${formatDuration(remainingMs)}`;
  }
  return `${files}  ${accounting.counts.read} records  ${Math.round(rate)}/s${eta}  [${accounting.summary().split(' (')[0]}]`;
}

export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  return hours > 0 ? `${hours}h${String(minutes).padStart(2, '0')}m` : minutes > 0 ? `${minutes}m${String(secs).padStart(2, '0')}s` : `${secs}s`;
}
