// Placeholder: replaced by the screen in this work.
export function MessagesScreen() {
  return <div className="screen" />;
}
