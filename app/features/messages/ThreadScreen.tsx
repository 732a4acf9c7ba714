// Placeholder: replaced by the screen in this work.
export function ThreadScreen(_props: { subjectKind: 'need' | 'offer' | 'pledge'; subjectId: string; municipalityId: string }) {
  return <div className="screen" />;
}
