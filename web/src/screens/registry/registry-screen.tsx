// Placeholder while the screen is written.
export function RegistryScreen() {
  return <p>…</p>;
}
