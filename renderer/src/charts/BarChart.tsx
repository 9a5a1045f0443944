import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

interface Props {
  data: { labels: string[]; datasets: { label: string; data: number[]; backgroundColor: string }[] };
  stacked?: boolean;
  label: string;
  format: (v: number) => string;
}

/** A bar chart; the canvas has a label and the numbers are in the table beside it. */
export function BarChart({ data, stacked = false, label, format }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, {
      type: 'bar',
      data,
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: 'y',
        scales: { x: { stacked, ticks: { callback: (v) => format(Number(v)) } }, y: { stacked } },
        plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${format(Number(c.raw))}` } } },
      },
    });
    return () => chart.current?.destroy();
  }, []);
  useEffect(() => {
    if (!chart.current) return;
    chart.current.data = data;
    chart.current.update();
  }, [data]);
  return (
    <div className="chart">
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
