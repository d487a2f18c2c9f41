// The public statistics as charts (recharts, in this route's chunk only): training per
// campaign, flags by rule per epoch, market volume and price history, vesting, revenue.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { ReactNode } from "react";
import { DataState } from "../ui/DataState.tsx";
import { useSales, useStats } from "./stats.ts";

const mesi = (dec: string) => Number(BigInt(dec) / 10n ** 12n) / 1e6;
const COLORS = ["#5b21b6", "#166534", "#b45309", "#b91c1c", "#0369a1", "#4d7c0f"];

function Chart({
  title,
  summary,
  children,
}: {
  title: string;
  summary: string;
  children: ReactNode;
}) {
  return (
    <figure className="card" style={{ margin: 0 }}>
      <h3>{title}</h3>
      <div className="chart" role="img" aria-label={`${title}: ${summary}`}>
        <ResponsiveContainer width="100%" height="100%">
          {children as never}
        </ResponsiveContainer>
      </div>
      <figcaption className="muted">{summary}</figcaption>
    </figure>
  );
}

export default function StatsCharts() {
  const stats = useStats();
  const sales = useSales();
  const s = stats.data;
  const rules = [...new Set(s?.epochs.list.flatMap((e) => Object.keys(e.flagsByRule)) ?? [])];
  const flagRows =
    s?.epochs.list
      .filter((e) => e.kind === "TQS")
      .map((e) => ({
        epoch: e.epoch,
        ...Object.fromEntries(rules.map((r) => [r, Number(e.flagsByRule[r] ?? 0)])),
      }))
      .reverse() ?? [];
  const totalSales = s?.market.volume.reduce((n, v) => n + v.sales, 0) ?? 0;
  return (
    <section aria-labelledby="stats-heading">
      <h2 id="stats-heading">Public statistics</h2>
      <DataState loading={stats.isPending} error={stats.error} minHeight="20rem">
        {s && (
          <div className="grid">
            <Chart
              title="Training per campaign"
              summary={`${s.campaigns.length} campaigns; ${s.campaigns.reduce((n, c) => n + c.activated, 0)} tickets activated, ${s.campaigns.reduce((n, c) => n + c.voided, 0)} voided.`}
            >
              <BarChart data={s.campaigns.map((c) => ({ ...c, name: `#${c.campaignId}` }))}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="name" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend />
                <Bar dataKey="joined" name="Joined" fill={COLORS[0]} isAnimationActive={false} />
                <Bar
                  dataKey="completed"
                  name="Completed"
                  fill={COLORS[4]}
                  isAnimationActive={false}
                />
                <Bar
                  dataKey="activated"
                  name="Activated"
                  fill={COLORS[1]}
                  isAnimationActive={false}
                />
                <Bar dataKey="voided" name="Voided" fill={COLORS[3]} isAnimationActive={false} />
              </BarChart>
            </Chart>
            <Chart
              title="Flags by quality rule"
              summary={`${flagRows.length} TQS epochs; rules: ${rules.join(", ") || "none raised"}.`}
            >
              <BarChart data={flagRows}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="epoch" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend />
                {rules.map((r, i) => (
                  <Bar
                    key={r}
                    dataKey={r}
                    stackId="flags"
                    fill={COLORS[i % COLORS.length]}
                    isAnimationActive={false}
                  />
                ))}
              </BarChart>
            </Chart>
            <Chart title="Market volume per day" summary={`${totalSales} sales in all.`}>
              <BarChart data={s.market.salesPerDay.map((d) => ({ ...d, volume: mesi(d.volume) }))}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="day" />
                <YAxis />
                <Tooltip />
                <Legend />
                <Bar dataKey="volume" name="Volume" fill={COLORS[0]} isAnimationActive={false} />
              </BarChart>
            </Chart>
            <Chart
              title="Sale prices"
              summary={`${sales.data?.length ?? 0} sales, price of each over time.`}
            >
              <LineChart
                data={(sales.data ?? []).map((p) => ({
                  time: p.timestamp,
                  price: mesi(String(p.price)),
                  currency: p.currency,
                }))}
              >
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis
                  dataKey="time"
                  type="number"
                  domain={["dataMin", "dataMax"]}
                  tickFormatter={(t: number) => new Date(t * 1000).toLocaleDateString()}
                />
                <YAxis />
                <Tooltip labelFormatter={(t) => new Date(Number(t) * 1000).toLocaleString()} />
                <Line dataKey="price" name="Price" stroke={COLORS[1]} isAnimationActive={false} />
              </LineChart>
            </Chart>
            <Chart
              title="Vesting"
              summary={`Granted ${mesi(s.vesting.granted)}, vested ${mesi(s.vesting.vested)}, released ${mesi(s.vesting.released)} $MESI.`}
            >
              <BarChart
                data={s.vesting.bySource.map((v) => ({
                  source: v.source,
                  granted: mesi(v.granted),
                  released: mesi(v.released),
                }))}
              >
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="source" />
                <YAxis />
                <Tooltip />
                <Legend />
                <Bar dataKey="granted" name="Granted" fill={COLORS[0]} isAnimationActive={false} />
                <Bar
                  dataKey="released"
                  name="Released"
                  fill={COLORS[1]}
                  isAnimationActive={false}
                />
              </BarChart>
            </Chart>
            <Chart title="Revenue pools" summary={`${s.revenue.perPool.length} pools.`}>
              <BarChart
                data={s.revenue.perPool.map((p) => ({
                  epoch: p.epoch,
                  amount: mesi(p.amount),
                  claimed: mesi(p.claimed),
                }))}
              >
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="epoch" />
                <YAxis />
                <Tooltip />
                <Legend />
                <Bar dataKey="amount" name="Pooled" fill={COLORS[0]} isAnimationActive={false} />
                <Bar dataKey="claimed" name="Claimed" fill={COLORS[1]} isAnimationActive={false} />
              </BarChart>
            </Chart>
          </div>
        )}
      </DataState>
    </section>
  );
}
