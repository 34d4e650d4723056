using ScottPlot;
using ScottPlot.TickGenerators;

namespace PaymentSwitch.LoadTest.Reports;

/// <summary>
/// The report's plots, built with ScottPlot 5. Latencies are plotted in milliseconds; a log axis is drawn by
/// plotting log10 of the value against hand-placed decade ticks, so every label is a real value.
/// </summary>
internal static class ReportPlots
{
    public const int Width = 900;
    public const int Height = 540;

    // Percentile levels marked on the distribution plot, HdrHistogram-style.
    private static readonly (double Percentile, string Label)[] PercentileTicks =
    [
        (0, "0%"), (50, "50%"), (90, "90%"), (99, "99%"), (99.9, "99.9%"), (99.99, "99.99%"), (99.999, "99.999%"),
    ];

    // The smallest latency that can be shown on a log axis: one microsecond.
    private const double MinMs = 0.001;

    /// <summary>p50, p90, p99 and p99.9 of the corrected latency against the offered rate, on a log latency axis.</summary>
    public static Plot LatencyVsRate(LoadRunReport report)
    {
        var plot = new Plot();
        plot.Title("Latency vs rate (corrected for coordinated omission)");
        plot.XLabel("Offered rate, payments/s (achieved rate for closed-loop steps)");
        plot.YLabel("Latency, ms (log scale)");

        var steps = report.Steps
            .Where(static s => s.Latency.Count > 0)
            .Select(static s => (Rate: s.OfferedRate is { } r ? (double)r : s.AchievedRate, s.Latency))
            .OrderBy(static s => s.Rate)
            .ToArray();
        if (steps.Length == 0)
        {
            return NoData(plot);
        }

        var xs = steps.Select(static s => s.Rate).ToArray();
        var series = new (string Name, Func<Recording.LatencySummary, long> Value)[]
        {
            ("p50", static l => l.P50Micros), ("p90", static l => l.P90Micros), ("p99", static l => l.P99Micros), ("p99.9", static l => l.P999Micros),
        };
        var all = new List<double>();
        foreach (var (name, value) in series)
        {
            var ys = steps.Select(s => Log10Ms(value(s.Latency))).ToArray();
            all.AddRange(ys);
            var scatter = plot.Add.Scatter(xs, ys);
            scatter.LegendText = name;
            scatter.MarkerSize = 8;
            scatter.LineWidth = steps.Length > 1 ? 2 : 0;
        }

        plot.Axes.Left.TickGenerator = LogTicks(all.Min(), all.Max());
        if (xs.Length == 1)
        {
            plot.Axes.SetLimitsX(xs[0] * 0.5, xs[0] * 1.5 + 1);
        }

        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>Sends per second and answers per second in every interval of every step, steps laid end to end.</summary>
    public static Plot Throughput(LoadRunReport report)
    {
        var plot = new Plot();
        plot.Title("Throughput: offered (sent) vs achieved (answered)");
        plot.XLabel("Time since the first step started, s");
        plot.YLabel("Payments/s");
        if (report.Steps.All(static s => s.Timeline.Count == 0))
        {
            return NoData(plot);
        }

        var offset = 0.0;
        var first = true;
        foreach (var step in report.Steps)
        {
            if (step.Timeline.Count > 0)
            {
                var xs = step.Timeline.Select(p => offset + p.StartSeconds).ToArray();
                var offered = plot.Add.Scatter(xs, step.Timeline.Select(static p => p.SentPerSecond).ToArray());
                offered.Color = Colors.SteelBlue;
                offered.MarkerSize = 4;
                var achieved = plot.Add.Scatter(xs, step.Timeline.Select(static p => p.CompletedPerSecond).ToArray());
                achieved.Color = Colors.DarkOrange;
                achieved.MarkerSize = 4;
                if (first)
                {
                    offered.LegendText = "offered (sent/s)";
                    achieved.LegendText = "achieved (answered/s)";
                    first = false;
                }
            }

            var stepLength = Math.Max(step.Duration.TotalSeconds, step.Timeline.Count == 0 ? 0 : step.Timeline[^1].StartSeconds + step.Timeline[^1].IntervalSeconds);
            offset += stepLength;
            if (step != report.Steps[^1])
            {
                var separator = plot.Add.VerticalLine(offset);
                separator.Color = Colors.Gray;
                separator.LinePattern = LinePattern.Dashed;
            }
        }

        plot.Axes.SetLimitsY(0, Math.Max(1, report.Steps.SelectMany(static s => s.Timeline).Max(static p => Math.Max(p.SentPerSecond, p.CompletedPerSecond))) * 1.1);
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    /// <summary>
    /// The corrected latency's percentile distribution per step: x is the percentile on a 1/(1−p) log scale
    /// (50 %, 90 %, 99 %, 99.9 %, ... equally spaced), y the latency in ms.
    /// </summary>
    public static Plot LatencyDistribution(LoadRunReport report)
    {
        var plot = new Plot();
        plot.Title("Latency by percentile (corrected for coordinated omission)");
        plot.XLabel("Percentile");
        plot.YLabel("Latency, ms");

        var any = false;
        var maxX = 2.0;
        foreach (var step in report.Steps)
        {
            // 100 % sits at infinity on this scale: its point is left out (the max is in the summary table).
            var points = step.Distribution.Where(static p => p.Percentile < 100).ToArray();
            if (points.Length == 0)
            {
                continue;
            }

            var xs = points.Select(static p => PercentileX(p.Percentile)).ToArray();
            var scatter = plot.Add.Scatter(xs, points.Select(static p => p.ValueMicros / 1000.0).ToArray());
            scatter.LegendText = step.Label;
            scatter.MarkerSize = 3;
            maxX = Math.Max(maxX, xs.Max());
            any = true;
        }

        if (!any)
        {
            return NoData(plot);
        }

        var axisEnd = Math.Ceiling(maxX);
        var ticks = new NumericManual();
        foreach (var (percentile, label) in PercentileTicks)
        {
            var x = PercentileX(percentile);
            if (x <= axisEnd + 0.01)
            {
                ticks.AddMajor(x, label);
            }
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.SetLimitsX(0, axisEnd);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>The x position of a percentile on the 1/(1−p) log scale: log10(1 / (1 − p/100)).</summary>
    internal static double PercentileX(double percentile) => Math.Log10(1 / (1 - (Math.Min(percentile, 99.9999) / 100)));

    private static double Log10Ms(long micros) => Math.Log10(Math.Max(MinMs, micros / 1000.0));

    private static NumericManual LogTicks(double minLog, double maxLog)
    {
        var ticks = new NumericManual();
        var low = (int)Math.Floor(minLog);
        var high = Math.Max(low + 1, (int)Math.Ceiling(maxLog));
        for (var decade = low; decade <= high; decade++)
        {
            var value = Math.Pow(10, decade);
            ticks.AddMajor(decade, value >= 1 ? value.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture) : value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture));
            if (decade < high)
            {
                for (var k = 2; k <= 9; k++)
                {
                    ticks.AddMinor(decade + Math.Log10(k));
                }
            }
        }

        return ticks;
    }

    private static Plot NoData(Plot plot)
    {
        plot.Add.Annotation("No data recorded");
        return plot;
    }
}
