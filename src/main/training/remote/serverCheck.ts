import type { SshProfileView } from '@shared/training'
import { quotePath } from './shellQuote'

/**
 * The "test connection" script: after the setup command, one `<key> <value>` line per finding
 * (setup exit status, remote folder, python, llamafactory-cli, setsid, GPUs).
 */
export function testScript(profile: Pick<SshProfileView, 'setupCommand' | 'remoteDir'>): string {
  const dir = quotePath(profile.remoteDir)
  return [
    `{ :\n${profile.setupCommand}\n} > /dev/null 2>&1; echo "setup $?"`,
    `if mkdir -p -- ${dir} 2>/dev/null && cd -- ${dir} && [ -w . ]; then echo "dir ok $PWD"; else echo "dir fail"; fi`,
    `py=$(command -v python3 || command -v python); [ -n "$py" ] && echo "python $py $("$py" --version 2>&1 | head -n 1)"`,
    `cli=$(command -v llamafactory-cli); [ -n "$cli" ] && echo "cli $cli $(timeout 120 llamafactory-cli version 2>&1 | grep -m 1 -iE 'llama.?factory|version|[0-9]+\\.[0-9]+')"`,
    `command -v setsid > /dev/null && echo "setsid ok"`,
    `if command -v nvidia-smi > /dev/null; then nvidia-smi --query-gpu=name,memory.total --format=csv,noheader 2>&1 | sed 's/^/gpu /'; else echo "nogpu"; fi`,
  ].join('\n')
}

/** The findings in words; ok when the job could run (setup, folder, llamafactory-cli, setsid). */
export function readTestOutput(
  stdout: string,
  profile: Pick<SshProfileView, 'setupCommand' | 'remoteDir' | 'gpus'>,
): { ok: boolean; details: string[] } {
  const lines = stdout
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  const value = (key: string) => lines.find((l) => l === key || l.startsWith(key + ' '))?.slice(key.length + 1)
  const details: string[] = []
  const setup = value('setup')
  const setupOk = !profile.setupCommand.trim() || setup === '0'
  if (profile.setupCommand.trim())
    details.push(setupOk ? 'The setup command ran.' : `The setup command failed (exit status ${setup ?? 'unknown'}).`)
  const dir = value('dir')
  const dirOk = dir?.startsWith('ok ') ?? false
  details.push(
    dirOk
      ? `Remote folder ${dir!.slice(3)} is writable.`
      : `Remote folder ${profile.remoteDir} cannot be created or written.`,
  )
  const python = value('python')
  details.push(python ? `Python: ${python.replace(/^(\S+) (.*)$/, '$2 ($1)')}` : 'Python: not found.')
  const cli = value('cli')
  details.push(
    cli
      ? `llamafactory-cli: ${cli.replace(/^(\S+)\s*(.*)$/, (_, path: string, version: string) => (version ? `${version} (${path})` : path))}`
      : 'llamafactory-cli: not found (install LLaMA-Factory or activate its environment in the setup command).',
  )
  const setsid = value('setsid') !== undefined
  if (!setsid) details.push('setsid: not found (util-linux is needed to start detached jobs).')
  const gpus = lines.filter((l) => l.startsWith('gpu ')).map((l) => l.slice(4))
  details.push(
    lines.includes('nogpu')
      ? 'GPUs: nvidia-smi not found.'
      : `GPUs: ${gpus.length} (${gpus.join('; ')})${gpus.length < profile.gpus ? `, fewer than the ${profile.gpus} the profile asks for` : ''}.`,
  )
  return { ok: setupOk && dirOk && Boolean(cli) && setsid, details }
}
