// Placeholder while the screen is written.
export function PlanScreen() {
  return <p>…</p>;
}
