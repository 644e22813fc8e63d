/** A rater's view of one study (placeholder until the rating view lands). */
export function RatePage({ studyId }: { studyId: string; rater: string | null; onClose: () => void }) {
  return <div className="empty-state">{studyId}</div>
}
