// Placeholder: replaced by the screen in this work.
export function ShortCodeScreen(_props: { code: string }) {
  return <div className="screen" />;
}
