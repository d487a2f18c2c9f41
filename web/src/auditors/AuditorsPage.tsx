export default function AuditorsPage() {
  return (
    <section>
      <h1>AuditorsPage</h1>
    </section>
  );
}
