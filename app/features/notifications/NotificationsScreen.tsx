// Placeholder: replaced by the screen in this work.
export function NotificationsScreen() {
  return <div className="screen" />;
}
