// Placeholder while the screen is written.
export function SituationScreen() {
  return <p>…</p>;
}
