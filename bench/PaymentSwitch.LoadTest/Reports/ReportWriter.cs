using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaymentSwitch.LoadTest.Reports;

/// <summary>
/// Writes a <see cref="LoadRunReport"/> as files a person and a program can read: <c>results.json</c> (the whole
/// report, read back by <see cref="ReadJson"/>), <c>steps.csv</c>, <c>timeline.csv</c>, three PNG plots and a
/// summary in Markdown and HTML that embeds them.
/// </summary>
public static partial class ReportWriter
{
    /// <summary>The JSON file name.</summary>
    public const string JsonFileName = "results.json";

    /// <summary>The per-step CSV file name.</summary>
    public const string StepsCsvFileName = "steps.csv";

    /// <summary>The per-interval CSV file name.</summary>
    public const string TimelineCsvFileName = "timeline.csv";

    /// <summary>The latency-percentiles-against-offered-rate plot.</summary>
    public const string LatencyVsRatePngFileName = "latency-vs-rate.png";

    /// <summary>The offered-against-achieved-throughput-over-time plot.</summary>
    public const string ThroughputPngFileName = "throughput.png";

    /// <summary>The percentile distribution plot.</summary>
    public const string LatencyDistributionPngFileName = "latency-distribution.png";

    /// <summary>The Markdown summary.</summary>
    public const string SummaryMarkdownFileName = "summary.md";

    /// <summary>The HTML summary.</summary>
    public const string SummaryHtmlFileName = "summary.html";

    /// <summary>The JSON options: camelCase, indented, enums as strings, dictionary keys (reason codes, hop names) as given.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes every file into <paramref name="directory"/> (created when missing) and returns their paths.</summary>
    public static IReadOnlyList<string> WriteAll(LoadRunReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);

        var written = new List<string>();
        string Write(string name, Action<string> writer)
        {
            var path = Path.Combine(directory, name);
            writer(path);
            written.Add(path);
            return path;
        }

        Write(JsonFileName, path => WriteJson(report, path));
        Write(StepsCsvFileName, path => File.WriteAllText(path, StepsCsv(report)));
        Write(TimelineCsvFileName, path => File.WriteAllText(path, TimelineCsv(report)));
        Write(LatencyVsRatePngFileName, path => ReportPlots.LatencyVsRate(report).SavePng(path, ReportPlots.Width, ReportPlots.Height));
        Write(ThroughputPngFileName, path => ReportPlots.Throughput(report).SavePng(path, ReportPlots.Width, ReportPlots.Height));
        Write(LatencyDistributionPngFileName, path => ReportPlots.LatencyDistribution(report).SavePng(path, ReportPlots.Width, ReportPlots.Height));
        Write(SummaryMarkdownFileName, path => File.WriteAllText(path, SummaryMarkdown(report)));
        Write(SummaryHtmlFileName, path => File.WriteAllText(path, SummaryHtml(report)));
        return written;
    }

    /// <summary>Writes <c>results.json</c> alone.</summary>
    public static void WriteJson(LoadRunReport report, string path)
    {
        using var stream = File.Create(path);
        JsonSerializer.Serialize(stream, report, JsonOptions);
    }

    /// <summary>The report as JSON text.</summary>
    public static string ToJson(LoadRunReport report) => JsonSerializer.Serialize(report, JsonOptions);

    /// <summary>Reads a report written by <see cref="WriteJson"/> or <see cref="WriteAll"/>.</summary>
    public static LoadRunReport ReadJson(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<LoadRunReport>(stream, JsonOptions)
            ?? throw new InvalidDataException($"{path} holds no report.");
    }
}
