export default function CreatorsPage() {
  return (
    <section>
      <h1>CreatorsPage</h1>
    </section>
  );
}
