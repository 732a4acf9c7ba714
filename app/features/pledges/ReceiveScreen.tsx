// Placeholder: replaced by the screen in this work.
export function ReceiveScreen(_props: { id: string }) {
  return <div className="screen" />;
}
