using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PaymentSwitch.Services.Telemetry;

namespace PaymentSwitch.Cli;

/// <summary>Where a signal (traces or metrics) is exported.</summary>
[Flags]
internal enum TelemetryExporters
{
    /// <summary>Not collected at all.</summary>
    None = 0,

    /// <summary>Written to standard output by OpenTelemetry's console exporter (for a look, not for production).</summary>
    Console = 1,

    /// <summary>Sent by the OTLP exporter, configured by its own <c>OTEL_EXPORTER_OTLP_*</c> variables.</summary>
    Otlp = 2,
}

/// <summary>
/// Which OpenTelemetry exporters a role's host runs, chosen by the standard variables: <c>OTEL_TRACES_EXPORTER</c> and
/// <c>OTEL_METRICS_EXPORTER</c> (<c>otlp</c>, <c>console</c>, both as <c>otlp,console</c>, or <c>none</c>),
/// <c>OTEL_SDK_DISABLED=true</c> to turn both off, and <c>OTEL_SERVICE_NAME</c> to rename the service.
/// </summary>
/// <remarks>
/// Unlike the OpenTelemetry specification, whose default exporter is <c>otlp</c>, an unset variable means <c>none</c>:
/// a switch started without telemetry configured registers no OpenTelemetry provider at all, so nothing listens to the
/// <see cref="SwitchTelemetry"/> activity source and meter and their checks (<c>HasListeners</c>, <c>Enabled</c>) make
/// every span and measurement free.
/// </remarks>
internal sealed record TelemetrySelection(TelemetryExporters Traces, TelemetryExporters Metrics, string ServiceName)
{
    public const string TracesExporterKey = "OTEL_TRACES_EXPORTER";
    public const string MetricsExporterKey = "OTEL_METRICS_EXPORTER";
    public const string SdkDisabledKey = "OTEL_SDK_DISABLED";
    public const string ServiceNameKey = "OTEL_SERVICE_NAME";

    /// <summary>Whether any signal is exported, that is whether the host registers OpenTelemetry at all.</summary>
    public bool IsEnabled => Traces != TelemetryExporters.None || Metrics != TelemetryExporters.None;

    /// <summary>
    /// Reads the selection from <paramref name="configuration"/> (the role's host puts the process's <c>OTEL_*</c>
    /// variables there under their own names); an unknown exporter name is an error naming the variable.
    /// </summary>
    public static bool TryRead(IConfiguration configuration, string defaultServiceName, out TelemetrySelection selection, out string? error)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var serviceName = configuration[ServiceNameKey] is { Length: > 0 } configured ? configured.Trim() : defaultServiceName;
        selection = new TelemetrySelection(TelemetryExporters.None, TelemetryExporters.None, serviceName);
        error = null;
        if (string.Equals(configuration[SdkDisabledKey]?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!TryParseExporters(configuration[TracesExporterKey], out var traces))
        {
            error = $"{TracesExporterKey} {configuration[TracesExporterKey]}: expected otlp, console, otlp,console or none";
            return false;
        }

        if (!TryParseExporters(configuration[MetricsExporterKey], out var metrics))
        {
            error = $"{MetricsExporterKey} {configuration[MetricsExporterKey]}: expected otlp, console, otlp,console or none";
            return false;
        }

        selection = selection with { Traces = traces, Metrics = metrics };
        return true;
    }

    /// <summary>
    /// Parses a comma-separated exporter list (case-insensitive, spaces ignored); unset, empty and <c>none</c> are
    /// <see cref="TelemetryExporters.None"/>. <c>none</c> next to an exporter is refused as contradictory.
    /// </summary>
    public static bool TryParseExporters(string? text, out TelemetryExporters exporters)
    {
        exporters = TelemetryExporters.None;
        var sawNone = false;
        foreach (var name in (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            switch (name.ToUpperInvariant())
            {
                case "NONE":
                    sawNone = true;
                    break;
                case "CONSOLE":
                    exporters |= TelemetryExporters.Console;
                    break;
                case "OTLP":
                    exporters |= TelemetryExporters.Otlp;
                    break;
                default:
                    exporters = TelemetryExporters.None;
                    return false;
            }
        }

        if (sawNone && exporters != TelemetryExporters.None)
        {
            exporters = TelemetryExporters.None;
            return false;
        }

        return true;
    }

    /// <summary>
    /// Registers the OpenTelemetry providers this selection asks for, listening to <see cref="SwitchTelemetry.Name"/>;
    /// registers nothing at all when <see cref="IsEnabled"/> is false, and no meter provider when only traces are on
    /// (and the other way round).
    /// </summary>
    public void AddTo(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!IsEnabled)
        {
            return;
        }

        var version = typeof(TelemetrySelection).Assembly.GetName().Version?.ToString();
        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: version));
        if (Traces != TelemetryExporters.None)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(SwitchTelemetry.Name);
                if (Traces.HasFlag(TelemetryExporters.Console))
                {
                    tracing.AddConsoleExporter();
                }

                if (Traces.HasFlag(TelemetryExporters.Otlp))
                {
                    tracing.AddOtlpExporter();
                }
            });
        }

        if (Metrics != TelemetryExporters.None)
        {
            telemetry.WithMetrics(metrics =>
            {
                metrics.AddMeter(SwitchTelemetry.Name);
                if (Metrics.HasFlag(TelemetryExporters.Console))
                {
                    metrics.AddConsoleExporter();
                }

                if (Metrics.HasFlag(TelemetryExporters.Otlp))
                {
                    metrics.AddOtlpExporter();
                }
            });
        }
    }
}
