import type { PanelResult } from './run';

/** One line per panel: status, title, what came back, latency. */
export function formatText(results: readonly PanelResult[]): string {
  const lines = results.map((r) => {
    const shape = r.series > 0 ? `${r.series} series` : `${r.rows} rows`;
    const note = r.message === undefined ? '' : `  (${r.message})`;
    return `${r.status.toUpperCase().padEnd(7)} ${r.dashboard_uid} #${String(r.panel_id).padEnd(3)} ${r.title.padEnd(48)} ${shape.padEnd(10)} ${String(r.latency_ms).padStart(6)} ms${note}`;
  });
  const failed = results.filter((r) => r.status === 'error' || r.status === 'empty').length;
  lines.push(`${results.length} panels, ${failed} failed`);
  return `${lines.join('\n')}\n`;
}

/** One JSON object per panel per line (`--json`). */
export function formatJsonLines(results: readonly PanelResult[]): string {
  return results
    .map((r) =>
      JSON.stringify({
        dashboard_uid: r.dashboard_uid,
        panel_id: r.panel_id,
        title: r.title,
        status: r.status,
        latency_ms: r.latency_ms,
        ...(r.message === undefined ? {} : { message: r.message }),
        frames: r.frames,
        ...(r.raw_frames === undefined ? {} : { raw_frames: r.raw_frames }),
      }),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/** Exit status: 2 when any panel errors or hides documents its filters match. */
export function exitStatus(results: readonly PanelResult[]): number {
  return results.some((r) => r.status === 'error' || r.status === 'empty') ? 2 : 0;
}
