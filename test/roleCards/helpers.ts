import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { RoleCardFormat } from '@shared/roleCard'
import { parseRoleCardFile } from '../../src/main/roleCards/parse'

const FIXTURES = resolve(import.meta.dirname, '../fixtures/roleCards')

export function readFixture(name: string): Uint8Array {
  return readFileSync(resolve(FIXTURES, name))
}

export function parseFixture(name: string, format: RoleCardFormat | 'auto' = 'auto') {
  return parseRoleCardFile(name, readFixture(name), format)
}

export function parseText(fileName: string, text: string, format: RoleCardFormat | 'auto' = 'auto') {
  return parseRoleCardFile(fileName, new TextEncoder().encode(text), format)
}
