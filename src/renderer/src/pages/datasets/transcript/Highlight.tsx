import { Fragment } from 'react'

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The text with every case-insensitive occurrence of `term` marked. */
export function Highlight({ text, term }: { text: string; term?: string }) {
  const needle = term?.trim()
  if (!needle) return <>{text}</>
  const parts = text.split(new RegExp(`(${escape(needle)})`, 'gi'))
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? <mark key={index}>{part}</mark> : <Fragment key={index}>{part}</Fragment>,
      )}
    </>
  )
}
