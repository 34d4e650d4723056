using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace PaymentSwitch.Cli.Tests;

/// <summary>
/// The OTEL_* selection of the role hosts' exporters: unset or none registers no OpenTelemetry at all (telemetry costs
/// nothing), each signal gets exactly the exporters named, and a wrong name is an error naming the variable.
/// </summary>
public sealed class TelemetrySelectionTests
{
    [Theory]
    [InlineData(null, (int)(TelemetryExporters.None))]
    [InlineData("", (int)(TelemetryExporters.None))]
    [InlineData("none", (int)(TelemetryExporters.None))]
    [InlineData("console", (int)(TelemetryExporters.Console))]
    [InlineData("otlp", (int)(TelemetryExporters.Otlp))]
    [InlineData("otlp,console", (int)(TelemetryExporters.Otlp | TelemetryExporters.Console))]
    [InlineData(" Console , OTLP ", (int)(TelemetryExporters.Otlp | TelemetryExporters.Console))]
    public void TryParseExporters_KnownNames_Parsed(string? text, int expected)
    {
        Assert.True(TelemetrySelection.TryParseExporters(text, out var exporters));
        Assert.Equal((TelemetryExporters)expected, exporters);
    }

    [Theory]
    [InlineData("zipkin")]
    [InlineData("otlp,jaeger")]
    [InlineData("none,console")]
    public void TryParseExporters_UnknownOrContradictory_Refused(string text)
    {
        Assert.False(TelemetrySelection.TryParseExporters(text, out _));
    }

    [Fact]
    public void TryRead_NothingConfigured_DisabledWithTheRoleServiceName()
    {
        var ok = TelemetrySelection.TryRead(Config(), "paymentswitch-hub", out var sut, out var error);

        Assert.True(ok, error);
        Assert.False(sut.IsEnabled);
        Assert.Equal("paymentswitch-hub", sut.ServiceName);
    }

    [Fact]
    public void TryRead_ConsoleTracesOtlpAndConsoleMetrics_Selected()
    {
        var config = Config(("OTEL_TRACES_EXPORTER", "console"), ("OTEL_METRICS_EXPORTER", "otlp,console"));

        Assert.True(TelemetrySelection.TryRead(config, "paymentswitch-hub", out var sut, out _));

        Assert.True(sut.IsEnabled);
        Assert.Equal(TelemetryExporters.Console, sut.Traces);
        Assert.Equal(TelemetryExporters.Otlp | TelemetryExporters.Console, sut.Metrics);
    }

    [Fact]
    public void TryRead_SdkDisabled_DisabledWhateverTheExporters()
    {
        var config = Config(("OTEL_TRACES_EXPORTER", "console"), ("OTEL_METRICS_EXPORTER", "otlp"), ("OTEL_SDK_DISABLED", "true"));

        Assert.True(TelemetrySelection.TryRead(config, "paymentswitch-hub", out var sut, out _));

        Assert.False(sut.IsEnabled);
    }

    [Fact]
    public void TryRead_ServiceNameVariable_OverridesTheRoleName()
    {
        Assert.True(TelemetrySelection.TryRead(Config(("OTEL_SERVICE_NAME", "switch-a")), "paymentswitch-hub", out var sut, out _));

        Assert.Equal("switch-a", sut.ServiceName);
    }

    [Theory]
    [InlineData("OTEL_TRACES_EXPORTER")]
    [InlineData("OTEL_METRICS_EXPORTER")]
    public void TryRead_UnknownExporter_ErrorNamesTheVariable(string key)
    {
        var ok = TelemetrySelection.TryRead(Config((key, "zipkin")), "paymentswitch-hub", out _, out var error);

        Assert.False(ok);
        Assert.StartsWith(key + " zipkin: expected", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AddTo_Disabled_RegistersNothing()
    {
        var services = new ServiceCollection();
        var sut = new TelemetrySelection(TelemetryExporters.None, TelemetryExporters.None, "paymentswitch-hub");

        sut.AddTo(services);

        Assert.Empty(services);
    }

    [Fact]
    public void AddTo_ConsoleTracesOnly_TracerProviderButNoMeterProvider()
    {
        var services = new ServiceCollection();
        var sut = new TelemetrySelection(TelemetryExporters.Console, TelemetryExporters.None, "paymentswitch-hub");

        sut.AddTo(services);
        using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetService<TracerProvider>());
        Assert.Null(provider.GetService<MeterProvider>());
    }

    [Fact]
    public void AddTo_OtlpAndConsoleMetricsOnly_MeterProviderButNoTracerProvider()
    {
        var services = new ServiceCollection();
        var sut = new TelemetrySelection(TelemetryExporters.None, TelemetryExporters.Otlp | TelemetryExporters.Console, "paymentswitch-adapter-SG-FAST");

        sut.AddTo(services);
        using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetService<MeterProvider>());
        Assert.Null(provider.GetService<TracerProvider>());
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(static v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
