export function FansPage() {
  return (
    <section>
      <h1>Campaigns</h1>
    </section>
  );
}
