using System.Globalization;
using System.Text;

namespace PaymentSwitch.LoadTest.Reports;

public static partial class ReportWriter
{
    private static readonly string[] StepColumns =
    [
        "step", "mode", "offeredRate", "durationSeconds", "sent", "completed", "accepted", "rejected", "timedOut",
        "refusedAtSource", "achievedRate", "ceilingRatio", "latencyCount", "latencyMeanMicros", "latencyP50Micros",
        "latencyP90Micros", "latencyP99Micros", "latencyP999Micros", "latencyMaxMicros", "serviceP50Micros",
        "serviceP90Micros", "serviceP99Micros", "serviceP999Micros", "serviceMaxMicros", "cpuUtilisationPercent",
        "allocatedBytes", "gen0Collections", "gen1Collections", "gen2Collections",
    ];

    private static readonly string[] TimelineColumns =
    [
        "step", "mode", "offeredRate", "interval", "startSeconds", "intervalSeconds", "sent", "completed", "accepted",
        "rejected", "timedOut", "refusedAtSource", "p99Micros",
    ];

    /// <summary><c>steps.csv</c>: a header, then one row per step (invariant culture, RFC 4180 quoting).</summary>
    public static string StepsCsv(LoadRunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder();
        AppendRow(csv, StepColumns);
        for (var i = 0; i < report.Steps.Count; i++)
        {
            var s = report.Steps[i];
            AppendRow(csv,
            [
                Num(i + 1), s.Mode, s.OfferedRate is { } rate ? rate.ToString(CultureInfo.InvariantCulture) : "", Num(s.Duration.TotalSeconds),
                Num(s.Sent), Num(s.Completed), Num(s.Accepted), Num(s.Rejected), Num(s.TimedOut), Num(s.RefusedAtSource),
                Num(s.AchievedRate), s.CeilingRatio is { } ratio ? Num(ratio) : "", Num(s.Latency.Count), Num(s.Latency.MeanMicros),
                Num(s.Latency.P50Micros), Num(s.Latency.P90Micros), Num(s.Latency.P99Micros), Num(s.Latency.P999Micros),
                Num(s.Latency.MaxMicros), Num(s.ServiceTime.P50Micros), Num(s.ServiceTime.P90Micros), Num(s.ServiceTime.P99Micros),
                Num(s.ServiceTime.P999Micros), Num(s.ServiceTime.MaxMicros),
                s.Process is { } p ? Num(p.CpuUtilisationPercent) : "", s.Process is { } q ? Num(q.AllocatedBytes) : "",
                s.Process is { } g0 ? Num(g0.Gen0Collections) : "", s.Process is { } g1 ? Num(g1.Gen1Collections) : "",
                s.Process is { } g2 ? Num(g2.Gen2Collections) : "",
            ]);
        }

        return csv.ToString();
    }

    /// <summary><c>timeline.csv</c>: a header, then one row per step per interval.</summary>
    public static string TimelineCsv(LoadRunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder();
        AppendRow(csv, TimelineColumns);
        for (var i = 0; i < report.Steps.Count; i++)
        {
            var s = report.Steps[i];
            foreach (var point in s.Timeline)
            {
                AppendRow(csv,
                [
                    Num(i + 1), s.Mode, s.OfferedRate is { } rate ? rate.ToString(CultureInfo.InvariantCulture) : "", Num(point.Index),
                    Num(point.StartSeconds), Num(point.IntervalSeconds), Num(point.Sent), Num(point.Completed), Num(point.Accepted),
                    Num(point.Rejected), Num(point.TimedOut), Num(point.RefusedAtSource), Num(point.P99Micros),
                ]);
            }
        }

        return csv.ToString();
    }

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void AppendRow(StringBuilder csv, ReadOnlySpan<string> cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            var cell = cells[i];
            if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                csv.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                csv.Append(cell);
            }
        }

        csv.Append('\n');
    }
}
