import { readdirSync, readFileSync } from 'node:fs';

/** Linux clock ticks per second (`getconf CLK_TCK`), 100 on every mainstream kernel. */
const ticksPerSecond = 100;

interface ProcessTicks {
  pid: number;
  ppid: number;
  ticks: number;
  label: string;
}

function readProcess(pid: number): ProcessTicks | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces: split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Chromium rewrites its children's titles, so the arguments are one space-separated string.
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    const type = /--type=(\S+)/.exec(cmdline)?.[1];
    const utilitySubtype = /--utility-sub-type=(\S+)/.exec(cmdline)?.[1];
    const label = type ? (utilitySubtype ? `${type}:${utilitySubtype}` : type) : 'browser';
    return {
      pid,
      ppid: Number(fields[1]),
      ticks: Number(fields[11]) + Number(fields[12]),
      label,
    };
  } catch {
    return null; // gone meanwhile
  }
}

/** CPU ticks of each thread of a process, by thread name (digits dropped: a pool is one). */
function threadTicks(pid: number): Map<string, number> {
  // The main thread carries the process name; call it what it is.
  const threads = new Map<string, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name =
          tid === String(pid)
            ? 'main'
            : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/[\d/]+$/, '');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ticks = Number(fields[11]) + Number(fields[12]);
        threads.set(name, (threads.get(name) ?? 0) + ticks);
      } catch {
        // thread gone meanwhile
      }
    }
  } catch {
    // process gone meanwhile
  }
  return threads;
}

function allProcesses(): ProcessTicks[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProcess(Number(name)))
    .filter((entry): entry is ProcessTicks => entry !== null);
}

function descendants(root: number, processes: ProcessTicks[]): ProcessTicks[] {
  const children = new Map<number, ProcessTicks[]>();
  for (const entry of processes) {
    const list = children.get(entry.ppid) ?? [];
    list.push(entry);
    children.set(entry.ppid, list);
  }
  const found: ProcessTicks[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}

/** Busy and total jiffies of the whole machine (first line of /proc/stat). */
function machineTicks(): { busy: number; total: number } {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const numbers = values.map(Number);
  const idle = (numbers[3] ?? 0) + (numbers[4] ?? 0);
  const total = numbers.reduce((sum, value) => sum + value, 0);
  return { busy: total - idle, total };
}

export interface CpuSnapshot {
  at: number;
  /** CPU ticks per group: `server`, `feed`, `chromium:<process type>`. */
  groups: Map<string, number>;
  /** CPU ticks per Chromium renderer and GPU process thread: `<process type>/<thread name>`. */
  threads: Map<string, number>;
  machine: { busy: number; total: number };
}

/**
 * CPU used so far by the server, the feed and Chromium's processes (every other descendant
 * of this process: Playwright launches Chromium as our child), and by the whole machine.
 */
export function cpuSnapshot(pids: { server: number; feed: number }): CpuSnapshot {
  const processes = allProcesses();
  const groups = new Map<string, number>();
  const add = (group: string, ticks: number) => groups.set(group, (groups.get(group) ?? 0) + ticks);
  const own = new Set<number>();
  for (const [group, pid] of Object.entries(pids)) {
    for (const entry of [processes.find((p) => p.pid === pid), ...descendants(pid, processes)]) {
      if (!entry) continue;
      own.add(entry.pid);
      add(group, entry.ticks);
    }
  }
  const threads = new Map<string, number>();
  for (const entry of descendants(process.pid, processes)) {
    if (own.has(entry.pid)) continue;
    add(`chromium:${entry.label}`, entry.ticks);
    if (entry.label !== 'renderer' && entry.label !== 'gpu-process') continue;
    for (const [name, ticks] of threadTicks(entry.pid)) {
      const key = `${entry.label}/${name}`;
      threads.set(key, (threads.get(key) ?? 0) + ticks);
    }
  }
  return { at: performance.now(), groups, threads, machine: machineTicks() };
}

/**
 * Each group's share of one core between two snapshots (100 = one core busy all the time),
 * plus the machine's busy share of all cores and what the rest of the machine used.
 */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot) {
  const seconds = (after.at - before.at) / 1000;
  const percentOfCore = (ticks: number) =>
    Math.round((ticks / ticksPerSecond / seconds) * 1000) / 10;
  const perGroup: Record<string, number> = {};
  let ours = 0;
  for (const [group, ticks] of after.groups) {
    const used = ticks - (before.groups.get(group) ?? 0);
    if (used <= 0) continue;
    perGroup[group] = percentOfCore(used);
    ours += used;
  }
  const perThread: Record<string, number> = {};
  const threadUse = [...after.threads]
    .map(([thread, ticks]) => [thread, ticks - (before.threads.get(thread) ?? 0)] as const)
    .sort((a, b) => b[1] - a[1]);
  for (const [thread, used] of threadUse) {
    // Threads under 1% of a core are left out.
    if (used >= 0.01 * seconds * ticksPerSecond) perThread[thread] = percentOfCore(used);
  }
  const machineBusy = after.machine.busy - before.machine.busy;
  const machineTotal = after.machine.total - before.machine.total;
  return {
    percentOfOneCore: perGroup,
    chromiumThreads: perThread,
    benchmarkTotal: percentOfCore(ours),
    otherProcesses: percentOfCore(Math.max(0, machineBusy - ours)),
    machineBusyPercent: Math.round((machineBusy / machineTotal) * 1000) / 10,
  };
}
