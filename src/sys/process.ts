// What Linux says about a process, from /proc/<pid>/stat: whether it runs, when it started, how much
// CPU time and memory it has used. Locks (is the owner alive, or another process with its pid?) and
// the extraction pool's watchdog (CPU time, resident size per document) read it here. Where /proc is
// absent, the answers are null and callers fall back on what kill(0) tells.
import { readFileSync } from 'node:fs';

const CLOCK_TICKS = 100; // USER_HZ on Linux
const PAGE_BYTES = 4096;

/** `/proc/<pid>/stat`, split after the command name (fields 3…); null without /proc or process. */
function procStat(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** The start time of a process (field 22, clock ticks since boot); null when /proc cannot tell. */
export function processStart(pid: number): number | null {
  const start = Number(procStat(pid)?.[22 - 3]);
  return Number.isFinite(start) && start > 0 ? start : null;
}

/** A process that exists and is not a zombie (a killed process whose parent has not reaped it yet). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = procStat(pid);
  return stat === null || stat[0] !== 'Z'; // no /proc: trust kill(0)
}

/** CPU time (user + system, ms) and resident size (bytes) of a process; null without /proc. */
export function resourceUse(pid: number): { cpuMs: number; rssBytes: number } | null {
  const stat = procStat(pid);
  if (!stat) return null;
  const ticks = Number(stat[14 - 3]) + Number(stat[15 - 3]);
  return { cpuMs: (ticks * 1000) / CLOCK_TICKS, rssBytes: Number(stat[24 - 3]) * PAGE_BYTES };
}
