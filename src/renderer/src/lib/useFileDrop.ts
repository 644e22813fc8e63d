import { useRef, useState, type DragEvent } from 'react'

const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes('Files')

/** Drag-and-drop of one file onto an element; `dragging` drives the drop overlay. */
export function useFileDrop(onFile: (file: File) => void) {
  const [dragging, setDragging] = useState(false)
  // dragenter/dragleave fire for every child crossed; count them to know when the pointer really left.
  const depth = useRef(0)
  const handlers = {
    onDragEnter: (event: DragEvent) => {
      if (!hasFiles(event)) return
      event.preventDefault()
      depth.current++
      setDragging(true)
    },
    onDragOver: (event: DragEvent) => {
      if (!hasFiles(event)) return
      event.preventDefault()
      event.dataTransfer.dropEffect = 'copy'
    },
    onDragLeave: (event: DragEvent) => {
      if (!hasFiles(event)) return
      depth.current = Math.max(0, depth.current - 1)
      if (depth.current === 0) setDragging(false)
    },
    onDrop: (event: DragEvent) => {
      if (!hasFiles(event)) return
      event.preventDefault()
      depth.current = 0
      setDragging(false)
      const file = event.dataTransfer.files[0]
      if (file) onFile(file)
    },
  }
  return { dragging, handlers }
}
