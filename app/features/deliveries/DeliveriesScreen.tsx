// Placeholder: replaced by the screen in this work.
export function DeliveriesScreen() {
  return <div className="screen" />;
}
