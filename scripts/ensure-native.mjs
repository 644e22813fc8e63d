#!/usr/bin/env node
// Makes sure better-sqlite3 is compiled for the runtime about to use it.
//   node scripts/ensure-native.mjs node      -> node_modules build matches this Node (tests, serve, CLI)
//   node scripts/ensure-native.mjs electron  -> .native/electron-<version>-<arch>/better_sqlite3.node exists
// The two builds live in different places, so `npm start` and `npm test` can run in any order.
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, copyFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const target = process.argv[2]
const quiet = process.argv.includes('--quiet')
const say = (line) => quiet || console.error(`[ensure-native] ${line}`)
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

function nodeBuildWorks() {
  const probe = "const D=require('better-sqlite3'); new D(':memory:').close()"
  return spawnSync(process.execPath, ['-e', probe], { cwd: root, stdio: 'pipe' }).status === 0
}

if (target === 'node') {
  if (!nodeBuildWorks()) {
    say(`better-sqlite3 is not built for Node ${process.version}; rebuilding from source (about a minute)...`)
    execFileSync(npm, ['rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit' })
    if (!nodeBuildWorks()) {
      console.error(
        '[ensure-native] better-sqlite3 still does not load under Node. Check that python3, make and a C++ compiler are installed.',
      )
      process.exit(1)
    }
  }
} else if (target === 'electron') {
  const electronDir = dirname(require.resolve('electron/package.json'))
  const version = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version
  if (!existsSync(join(electronDir, 'path.txt'))) {
    console.error(
      `[ensure-native] Electron ${version}'s binary is not installed (was it installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1?).\n` +
        '  Install it with: node node_modules/electron/install.js\n' +
        '  On a machine without a display or without the binary, use: npm run serve',
    )
    process.exit(1)
  }
  const out = join(root, '.native', `electron-${version}-${process.arch}`, 'better_sqlite3.node')
  if (!existsSync(out)) {
    say(`building better-sqlite3 for Electron ${version} (${process.arch}); this takes about a minute, once...`)
    const work = join(root, '.native', 'build')
    rmSync(work, { recursive: true, force: true })
    mkdirSync(work, { recursive: true })
    const source = dirname(require.resolve('better-sqlite3/package.json'))
    cpSync(source, join(work, 'better-sqlite3'), { recursive: true, filter: (p) => !p.includes(`${source}/build`) })
    const gyp = require.resolve('node-gyp/bin/node-gyp.js')
    const env = { ...process.env }
    for (const key of Object.keys(env)) if (/^npm_config_(nodedir|target|runtime|disturl)$/i.test(key)) delete env[key]
    execFileSync(
      process.execPath,
      [
        gyp,
        'rebuild',
        '--release',
        `--target=${version}`,
        `--arch=${process.arch}`,
        '--runtime=electron',
        '--dist-url=https://electronjs.org/headers',
      ],
      { cwd: join(work, 'better-sqlite3'), stdio: 'inherit', env },
    )
    mkdirSync(dirname(out), { recursive: true })
    copyFileSync(join(work, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), out)
    rmSync(work, { recursive: true, force: true })
    say(`wrote ${out}`)
  }
  // electron-builder packs this copy (see "extraResources" in package.json).
  mkdirSync(join(root, '.native', 'current'), { recursive: true })
  copyFileSync(out, join(root, '.native', 'current', 'better_sqlite3.node'))
} else {
  console.error('usage: node scripts/ensure-native.mjs node|electron [--quiet]')
  process.exit(2)
}
