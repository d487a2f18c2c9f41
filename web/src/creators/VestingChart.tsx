// The vesting chart (recharts, loaded only where a chart is shown): vested against released.
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { CurvePoint } from "./vesting-curve.ts";

const day = (t: number) => new Date(t * 1000).toLocaleDateString();

export default function VestingChart({ points }: { points: CurvePoint[] }) {
  return (
    <figure style={{ margin: 0 }}>
      <div className="chart" role="img" aria-label="Vested and released $MESI over time">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="time"
              type="number"
              domain={["dataMin", "dataMax"]}
              tickFormatter={day}
            />
            <YAxis />
            <Tooltip labelFormatter={(t) => day(Number(t))} formatter={(v) => `${v} $MESI`} />
            <Legend />
            <Line
              type="linear"
              dataKey="vested"
              name="Vested"
              stroke="#5b21b6"
              dot={false}
              isAnimationActive={false}
            />
            <Line
              type="stepAfter"
              dataKey="released"
              name="Released"
              stroke="#166534"
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="muted">
        Vested (purple) is what you may release; released (green) is what you have received.
      </figcaption>
    </figure>
  );
}
