// Placeholder while the screen is written.
export function PrintScreen() {
  return <p>…</p>;
}
