// Placeholder: replaced by the screen in this work.
export function ScanScreen() {
  return <div className="screen" />;
}
