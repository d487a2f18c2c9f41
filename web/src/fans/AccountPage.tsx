export default function AccountPage() {
  return (
    <section>
      <h1>AccountPage</h1>
    </section>
  );
}
