// Placeholder: replaced by the screen in this work.
export function PledgesScreen() {
  return <div className="screen" />;
}
